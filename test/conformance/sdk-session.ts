// Real @ringcentral/sdk clients against a running emulator, signed in the way a private app does (JWT grant),
// with explicit fetch externals and in-memory storage (Node has no localStorage).
import { SDK } from '@ringcentral/sdk';

export type { EmulatorCredentials, SeededUser as EmulatorUser } from '../support/emulator.ts';
import type { EmulatorCredentials, SeededUser as EmulatorUser } from '../support/emulator.ts';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

export function createSdk(
  emulatorUrl: string,
  app: { clientId: string; clientSecret?: string },
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): SDK {
  return new SDK({
    server: emulatorUrl,
    clientId: app.clientId,
    ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
    appName: 'ThreadDeskTests',
    appVersion: '0.1.0',
    fetch: fetchImpl,
    Request,
    Response,
    Headers,
    localStorage: new MemoryStorage() as unknown as Storage,
  });
}

/** A private-app SDK signed in as the user with the JWT credential the emulator issued. */
export async function signInWithJwt(
  emulatorUrl: string,
  credentials: EmulatorCredentials,
  user: EmulatorUser,
  fetchImpl?: typeof fetch,
): Promise<SDK> {
  const sdk = createSdk(emulatorUrl, credentials.privateApp, fetchImpl);
  await sdk.platform().login({ jwt: user.jwt });
  return sdk;
}

/** Two users who both handle the same shared number, and that number. */
export function twoHandlersOfOneNumber(credentials: EmulatorCredentials): {
  first: EmulatorUser;
  second: EmulatorUser;
  sharedNumber: string;
} {
  for (const first of credentials.users) {
    for (const resource of first.handles) {
      const second = credentials.users.find(
        (u) => u !== first && u.handles.some((h) => h.id === resource.id && h.assignable),
      );
      const sharedNumber = resource.sharedNumbers[0];
      if (second && sharedNumber && resource.assignable) return { first, second, sharedNumber };
    }
  }
  throw new Error('the seed has no resource with two assignable handlers');
}
