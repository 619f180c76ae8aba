// Renders the side panel against a seeded fake-indexeddb store, fakeBrowser storage and a fake background.
import { setCrmName, type ContactBook } from '@/lib/contacts/names';
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import * as items from '@/lib/storage';
import type { AuthStatus, Capabilities, ConnectionStatus } from '@/lib/storage';
import { caps, fakeChanges, fakeSend, ME, seedStore, type Seed } from '@/lib/ui/ui.test-helpers';
import { T0 } from '../../test/support/threads';
import { App } from './App';
import { createPanelServices, ServicesContext } from './services';

export interface PanelSetup {
  seed?: Seed;
  auth?: AuthStatus;
  capabilities?: Capabilities | null;
  connection?: ConnectionStatus;
  /** Names as if the CRM's API gave them. */
  contactNames?: Record<string, string>;
  /** The contact book as stored, for names with other sources. */
  contacts?: ContactBook;
  drafts?: Record<string, string>;
  handlers?: Parameters<typeof fakeSend>[0];
  /** Minutes after T0. */
  now?: number;
}

export async function renderPanel(setup: PanelSetup = {}) {
  await items.authStatus.setValue(
    setup.auth ?? {
      state: 'signedIn',
      user: { extensionId: ME.extensionId, accountId: 'a1', name: ME.name, server: 'https://rc.test' },
    },
  );
  await items.capabilities.setValue(setup.capabilities === undefined ? caps() : setup.capabilities);
  if (setup.connection) await items.connectionStatus.setValue(setup.connection);
  if (setup.contactNames) {
    const book = Object.entries(setup.contactNames).reduce<ContactBook>(
      (b, [phone, name]) => setCrmName(b, phone, name, 'salesforce', 1),
      {},
    );
    await items.contactBook.setValue(book);
  }
  if (setup.contacts) await items.contactBook.setValue(setup.contacts);
  if (setup.drafts) await items.drafts.setValue(setup.drafts);
  const db = await seedStore(setup.seed);
  const changes = fakeChanges();
  const send = fakeSend(setup.handlers);
  const openOptions = vi.fn();
  const services = createPanelServices({
    openDb: async () => db,
    changes,
    send,
    openOptions,
    now: () => T0 + (setup.now ?? 60) * 60_000,
  });
  const view = render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
  );
  return { ...view, services, send, changes, db, openOptions };
}
