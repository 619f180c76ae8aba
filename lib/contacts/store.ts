// The contact book's one writer: the background. Changes are applied one after another, so a page hint and
// an agent's edit arriving together cannot overwrite each other.
import { contactBook } from '../storage';
import { addPageHints, setAgentName, setCrmName, type ContactBook } from './names';

let queue: Promise<unknown> = Promise.resolve();

function update(change: (book: ContactBook) => ContactBook): Promise<void> {
  const run = queue.then(async () => {
    const book = await contactBook.getValue();
    const next = change(book);
    if (next !== book) await contactBook.setValue(next);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Names a page (at `origin`) showed beside numbers it showed; see addPageHints for the rules. */
export function savePageHints(origin: string, hints: Readonly<Record<string, string>>): Promise<void> {
  if (Object.keys(hints).length === 0) return Promise.resolve();
  return update((book) => addPageHints(book, origin, hints, Date.now()));
}

export function saveAgentName(phone: string, name: string | null): Promise<void> {
  return update((book) => setAgentName(book, phone, name, Date.now()));
}

/** For CRM integrations: the name the CRM's API holds for this number (null: it holds none). */
export function saveCrmName(phone: string, name: string | null, crm: string): Promise<void> {
  return update((book) => setCrmName(book, phone, name, crm, Date.now()));
}
