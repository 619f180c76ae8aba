// Keeping emulator state across restarts: one JSON file per emulator (RingCentral's state.json, each CRM's own) in
// the data dir, written atomically (temp file + rename), debounced after changes and once more on close. A file that
// does not validate is ignored: the emulator starts from its seed.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export const STATE_FILE = 'state.json';

export class JsonPersister<T> {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(
    private readonly file: string | undefined,
    private readonly snapshot: () => T,
    private readonly debounceMs = 250,
  ) {}

  static load<S extends z.ZodType>(
    dataDir: string | undefined,
    name: string,
    schema: S,
  ): z.infer<S> | undefined {
    if (!dataDir) return undefined;
    const file = path.join(dataDir, name);
    if (!existsSync(file)) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
      console.warn(
        `emulator: ignoring ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}; starting from the seed`,
      );
    } catch (error) {
      console.warn(`emulator: ignoring unreadable ${file}: ${(error as Error).message}`);
    }
    return undefined;
  }

  markDirty(): void {
    if (!this.file) return;
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
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.snapshot()));
      renameSync(temp, this.file);
    } catch (error) {
      console.error(`emulator: could not save ${this.file}:`, error);
    }
  }
}
