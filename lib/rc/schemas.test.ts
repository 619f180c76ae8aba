// Parsing on fixtures of our own, shaped like RingCentral's captured production replies (UUID thread ids,
// digit-string message ids, base64 JSON sync tokens, extra paging fields, Open threads with ThreadExpired),
// plus deliberately unknown record types and values.
import { describe, expect, it } from 'vitest';
import entriesIsync from './fixtures/production-entries-isync.json';
import messagesList from './fixtures/production-messages-list.json';
import threadsFsync from './fixtures/production-threads-fsync.json';
import threadsList from './fixtures/production-threads-list.json';
import {
  EntriesSyncList,
  hasIssues,
  MessageThreadList,
  ThreadMessageList,
  ThreadSyncList,
  UNKNOWN,
} from './schemas';

describe('production-shaped pages', () => {
  it('reads a thread list with extra paging fields; Open + ThreadExpired stays Open', () => {
    const page = MessageThreadList.parse(threadsList);
    expect(page.records).toHaveLength(3);
    expect(hasIssues(page.issues)).toBe(false);
    const expired = page.records[0]!;
    expect(expired.status).toBe('Open');
    expect(expired.statusReason).toBe('ThreadExpired');
    expect(page.records[2]!.status).toBe('Resolved');
    expect(page.paging).toEqual({ perPage: 20, page: 4, totalPages: 4, totalElements: 63 });
  });

  it('reads a message list with digit-string ids, lastModifiedTime before creationTime and CRLF text', () => {
    const page = ThreadMessageList.parse(messagesList);
    expect(page.records.map((m) => m.id)).toEqual(['4410021', '4410030', '4410044', '4410045']);
    expect(page.records[1]!.text).toContain('\r\n');
    expect(hasIssues(page.issues)).toBe(false);
  });

  it('keeps a base64 JSON sync token exactly as sent (opaque)', () => {
    const page = ThreadSyncList.parse(threadsFsync);
    expect(page.syncInfo.syncToken).toBe(threadsFsync.syncInfo.syncToken);
    expect(page.syncInfo.syncType).toBe('FSync');
    expect(page.records).toHaveLength(2);
  });

  it('parses an entries page record by record: unknown types and unreadable records skipped and counted', () => {
    const page = EntriesSyncList.parse(entriesIsync);
    expect(page.records.map((r) => r.id)).toEqual([
      '4410051',
      '4410053',
      '4410054',
      'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
      '4410056',
    ]);
    expect(page.issues.unknownRecordTypes).toEqual({ ThreadPinnedHint: 1 });
    expect(page.issues.invalidRecords).toBe(1);
    expect(page.issues.unknownValues).toEqual({ 'messageStatus=Scheduled': 1, 'direction=Sideways': 1 });
  });

  it('keeps unknown enum values as Unknown and drops extra fields', () => {
    const page = EntriesSyncList.parse(entriesIsync);
    const scheduled = page.records[0]!;
    expect(scheduled.recordType === 'AliveMessage' && scheduled.messageStatus).toBe(UNKNOWN);
    expect(scheduled).not.toHaveProperty('conversationRef');
    const sideways = page.records[4]!;
    expect(sideways.recordType === 'AliveMessage' && sideways.direction).toBe(UNKNOWN);
  });

  it('keeps a thread with an unknown status or reason, and skips one without an id', () => {
    const page = ThreadSyncList.parse({
      ...threadsFsync,
      records: [
        { ...threadsFsync.records[0], status: 'Archived', statusReason: 'Escalated', surprise: true },
        { ...threadsFsync.records[1], id: undefined },
      ],
    });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]!.status).toBe(UNKNOWN);
    expect(page.records[0]!.statusReason).toBe(UNKNOWN);
    expect(page.issues.invalidRecords).toBe(1);
    expect(page.issues.unknownValues).toEqual({ 'status=Archived': 1, 'statusReason=Escalated': 1 });
  });

  it('refuses a page that cannot be used at all (no syncInfo, records not a list, empty token)', () => {
    expect(EntriesSyncList.safeParse({ records: [] }).success).toBe(false);
    expect(EntriesSyncList.safeParse({ records: {}, syncInfo: entriesIsync.syncInfo }).success).toBe(false);
    const noToken = { ...entriesIsync.syncInfo, syncToken: '' };
    expect(EntriesSyncList.safeParse({ records: [], syncInfo: noToken }).success).toBe(false);
  });

  it('counts a record that is not an object as unknown, without failing the page', () => {
    const page = EntriesSyncList.parse({ records: [null, 7, 'x'], syncInfo: entriesIsync.syncInfo });
    expect(page.records).toEqual([]);
    expect(page.issues.unknownRecordTypes).toEqual({ '(none)': 3 });
  });
});
