// Internal notes (docs/emulator.md "Message threads"): any handler adds one to an Open thread; only its author edits or
// deletes it, and only while the thread is Open.
import type { Core } from '../core.ts';
import { findResource } from '../directory.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { feed, notify } from '../notify.ts';
import type { NoteRec } from '../state.ts';
import { notOpen, visibleThread, type ThreadScope } from './access.ts';
import { isOpen } from './rules.ts';
import { noteView } from './views.ts';

function afterNote(core: Core, scope: ThreadScope, note: NoteRec): void {
  const thread = scope.store.threads.get(note.threadId);
  if (thread) notify(core, scope.account.id, 'note', thread, findResource(scope.account, thread.ownerId));
  feed(core, { type: 'note', accountId: scope.account.id, note: noteView(scope.view, note) });
  core.markDirty();
}

export function createNote(core: Core, scope: ThreadScope, threadId: string, text: string) {
  const { thread } = visibleThread(scope, threadId);
  if (!isOpen(thread)) throw notOpen(threadId);
  const note = scope.store.addNote(thread.id, text, scope.caller.extensionId, core.clock.now());
  afterNote(core, scope, note);
  return noteView(scope.view, note);
}

/** The note if the caller may change it: it exists and is alive (404), the caller wrote it and the thread is Open (403). */
function editableNote(scope: ThreadScope, noteId: string): NoteRec {
  const note = scope.store.notes.get(noteId);
  if (!note || note.availability === 'Deleted') throw notFound('noteId');
  const { thread } = visibleThread(scope, note.threadId);
  if (note.authorId !== scope.caller.extensionId) {
    throw forbidden(`Only the author of note [${noteId}] may change it.`, 'CMN-408');
  }
  if (!isOpen(thread)) throw notOpen(thread.id);
  return note;
}

export function updateNote(core: Core, scope: ThreadScope, noteId: string, text: string) {
  const note = editableNote(scope, noteId);
  scope.store.updateNote(note.id, text, core.clock.now());
  afterNote(core, scope, note);
  return noteView(scope.view, note);
}

export function deleteNotes(core: Core, scope: ThreadScope, ids: string[]): void {
  const notes = ids.map((id) => editableNote(scope, id));
  const now = core.clock.now();
  for (const note of new Set(notes)) {
    scope.store.deleteNote(note.id, now);
    afterNote(core, scope, note);
  }
}
