// Test helpers for the pages: English strings from locales/en.yml, a seeded store, fake change announcements
// and a fake background (the `send` function models receive through their factories).
import { readFileSync } from 'node:fs';
import { URL as NodeURL, fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { parse } from 'yaml';
import { T0 } from '../../test/support/threads';
import type { MessageThread } from '../rc/schemas';
import type { Capabilities } from '../storage';
import { openStore, type OutboxItem, type Store, type StoredEntry, type ThreadSummary } from '../sync/db';
import type { Send } from './api';
import type { ChangeSource, StoreChange } from '../sync/changes';

/** Makes browser.i18n.getMessage answer from locales/en.yml as the built messages.json would. */
export function installI18n() {
  const raw = parse(
    readFileSync(fileURLToPath(new NodeURL('../../locales/en.yml', import.meta.url)), 'utf8'),
  ) as object;
  const messages = new Map<string, string>();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') messages.set(prefix, value);
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.every(([k]) => k === 'n' || Number.isFinite(Number(k)))) {
        messages.set(prefix, entries.map(([, v]) => String(v)).join(' | '));
      } else for (const [k, v] of entries) walk(prefix ? `${prefix}_${k}` : k, v);
    }
  };
  walk('', raw);
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
    const message = messages.get(key);
    if (message === undefined) throw new Error(`missing message ${key}`);
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    return message.replace(/\$(\d)/g, (_, i: string) => list[Number(i) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
}

export const ME = { extensionId: 'me', name: 'Dana Agent' };
export const ALEX = { extensionId: 'alex', name: 'Alex Rivera' };

export function caps(over: Partial<Capabilities> = {}): Capabilities {
  return {
    me: ME,
    feature: { available: true },
    resources: [
      {
        id: 'q1',
        name: 'Support',
        type: 'Department',
        sharedNumbers: ['+16505550100'],
        handlers: [
          { id: 'me', name: 'Dana Agent', assignable: true },
          { id: 'alex', name: 'Alex Rivera', assignable: true },
        ],
      },
      {
        id: 's1',
        name: 'Main site',
        type: 'Site',
        sharedNumbers: ['+16505550199'],
        handlers: [{ id: 'me', name: 'Dana Agent', assignable: true }],
      },
    ],
    fetchedAt: T0,
    ...over,
  };
}

export interface Seed {
  threads?: MessageThread[];
  entries?: StoredEntry[];
  summaries?: ThreadSummary[];
  outbox?: OutboxItem[];
  reads?: Record<string, string>;
}

let dbCounter = 0;
/** A fresh IndexedDB store (fake-indexeddb) with the given records. */
export async function seedStore(seed: Seed = {}): Promise<Store> {
  const db = await openStore(`threaddesk-test-${++dbCounter}`);
  const tx = db.transaction(['threads', 'entries', 'summaries', 'outbox', 'reads'], 'readwrite');
  await Promise.all([
    ...(seed.threads ?? []).map((t) => tx.objectStore('threads').put(t)),
    ...(seed.entries ?? []).map((e) => tx.objectStore('entries').put(e)),
    ...(seed.summaries ?? []).map((s) => tx.objectStore('summaries').put(s)),
    ...(seed.outbox ?? []).map((o) => tx.objectStore('outbox').put(o)),
    ...Object.entries(seed.reads ?? {}).map(([k, v]) => tx.objectStore('reads').put(v, k)),
  ]);
  await tx.done;
  return db;
}

/** A change source tests can announce on, as the background would. */
export function fakeChanges(): ChangeSource & { emit(change: StoreChange): void } {
  const target = new EventTarget();
  return {
    addEventListener: (type, l) => target.addEventListener(type, l as EventListener),
    removeEventListener: (type, l) => target.removeEventListener(type, l as EventListener),
    emit: (change) => target.dispatchEvent(new MessageEvent('message', { data: change })),
  };
}

type Handlers = Partial<Record<string, (data: never) => unknown>>;

/** A fake background: records every request and answers from `handlers` (undefined by default). */
export function fakeSend(handlers: Handlers = {}) {
  const fn = vi.fn(async (name: string, data: unknown) => {
    const handler = handlers[name] as ((d: unknown) => unknown) | undefined;
    return handler ? handler(data) : undefined;
  });
  return fn as typeof fn & Send;
}
