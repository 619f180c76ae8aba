// storage.local holds the contact book, drafts, the agent's name and resources and CRM record ids; Chromium lets
// content scripts read it unless the background says otherwise (Chrome's storage API reference,
// StorageArea.setAccessLevel). Content scripts need none of it: what they render comes over lib/messaging.ts
// (docs/architecture.md, "What a CRM page's renderer can read").

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> | void;
}

const keptReadable = (why: unknown) =>
  console.info(
    'ThreadDesk: storage.local stays readable by content scripts in this browser',
    why instanceof Error ? why.message : why,
  );

/** Keeps `area` to the extension's own contexts. Called in the worker's first turn, before any content script
 *  can ask; where the browser has no such call or refuses it (Firefox, Chrome before it accepted local), logs
 *  once and carries on. */
export function restrictToTrustedContexts(area: AccessLevelArea | undefined): void {
  if (typeof area?.setAccessLevel !== 'function') {
    keptReadable('(no setAccessLevel)');
    return;
  }
  try {
    void Promise.resolve(area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(keptReadable);
  } catch (e) {
    keptReadable(e);
  }
}
