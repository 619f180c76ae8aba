// Keeping the state across restarts: one JSON file in the data dir, written atomically (temp file + rename),
// debounced after changes and once more on close. A file that does not validate is ignored (fresh seed).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorState } from './state.ts';

export const STATE_FILE = 'state.json';

export function loadState(dataDir: string): EmulatorState | undefined {
  const file = path.join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = EmulatorState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    console.warn(
      `emulator: ignoring ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}; starting from the seed`,
    );
  } catch (error) {
    console.warn(`emulator: ignoring unreadable ${file}: ${(error as Error).message}`);
  }
  return undefined;
}

export function writeStateAtomically(dataDir: string, state: EmulatorState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

export class Persister {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(
    private readonly dataDir: string | undefined,
    private readonly snapshot: () => EmulatorState,
    private readonly debounceMs = 250,
  ) {}

  markDirty(): void {
    if (!this.dataDir) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dataDir || !this.dirty) return;
    this.dirty = false;
    try {
      writeStateAtomically(this.dataDir, this.snapshot());
    } catch (error) {
      console.error('emulator: could not save state:', error);
    }
  }
}
