import { expect, it } from 'vitest';
import { ACCOUNT_OAUTH_OPERATIONS, SUBSCRIPTION_OPERATIONS, THREAD_OPERATIONS } from './operations.ts';
import { thread } from '../support/threads.ts';
import { describeWithSpec } from './spec-guard.ts';

const THREAD = thread('1', {
  owner: { extensionId: '2', extensionType: 'Department', name: 'Support' },
  guest: '+16505550199',
});

describeWithSpec('the OpenAPI validator itself', (spec) => {
  it('finds operations by id and by method + path, literal segments first', () => {
    expect(spec().findOperation('mthUpdateNote')?.method).toBe('PATCH');
    const find = (method: string, path: string) => spec().findOperation({ method, path })?.operationId;
    expect(find('GET', '/restapi/v1.0/account/~/message-threads/sync')).toBe('mthSyncThreads');
    expect(find('GET', '/restapi/v1.0/account/~/message-threads/abc')).toBe('mthGetThread');
    expect(find('POST', '/restapi/v1.0/account/123/message-threads/abc/assign?x=1')).toBe('mthAssignThread');
    expect(find('DELETE', '/restapi/v1.0/account/~/message-threads/messages')).toBe('mthDeleteMessages');
    expect(find('GET', '/restapi/v1.0/nowhere')).toBeUndefined();
    expect(spec().operations).toHaveLength(33);
  });

  it('has every operation of the subset driven by one of the suites', () => {
    const driven = [...THREAD_OPERATIONS, ...ACCOUNT_OAUTH_OPERATIONS, ...SUBSCRIPTION_OPERATIONS].sort();
    expect(driven).toEqual(
      spec()
        .operations.map((op) => op.operationId)
        .sort(),
    );
  });

  it('accepts a valid thread, null assignee included, and names the broken field otherwise', () => {
    expect(spec().validateResponse('mthGetThread', 200, THREAD).errors).toEqual([]);
    expect(spec().validateResponse('mthGetThread', 200, { ...THREAD, assignee: null }).ok).toBe(true);
    const noStatus = spec().validateResponse('mthGetThread', 200, { ...THREAD, status: undefined });
    expect(noStatus.ok).toBe(false);
    expect(noStatus.errors.join()).toContain('status');
    expect(spec().validateResponse('mthGetThread', 200, { ...THREAD, assignee: {} }).ok).toBe(false);
    expect(spec().validateResponse('mthGetThread', 200, { ...THREAD, creationTime: 'yesterday' }).ok).toBe(
      false,
    );
  });

  it('switches on recordType for sync entries instead of failing every hint', () => {
    const syncInfo = { syncType: 'FSync', syncToken: 't', syncTime: '2026-03-02T10:00:00Z' };
    const hint = {
      recordType: 'ThreadCreatedHint',
      id: 'h',
      threadId: '1',
      lastModifiedTime: THREAD.creationTime,
    };
    const assigned = { ...hint, recordType: 'ThreadAssignedHint', assignee: { extensionId: '5' } };
    const good = spec().validateResponse('mthSyncEntries', 200, { records: [hint, assigned], syncInfo });
    expect(good.errors).toEqual([]);
    const message = { recordType: 'AliveMessage', id: 'm', threadId: '1', availability: 'Alive' };
    const bad = spec().validateResponse('mthSyncEntries', 200, { records: [message], syncInfo });
    expect(bad.ok).toBe(false);
    expect(
      spec().validateResponse('mthSyncEntries', 200, { records: [{ recordType: 'Bogus' }], syncInfo }).ok,
    ).toBe(false);
  });

  it('checks error bodies, empty 204 bodies and undeclared statuses', () => {
    const error = { errors: [{ errorCode: 'CMN-102', message: 'Not found' }] };
    expect(spec().validateResponse('mthGetThread', 404, error).ok).toBe(true);
    expect(spec().validateResponse('mthGetThread', 404, { message: 'x' }).ok).toBe(false);
    expect(spec().validateResponse('mthDeleteThread', 204, undefined).ok).toBe(true);
    expect(spec().validateResponse('mthDeleteThread', 204, { x: 1 }).ok).toBe(false);
    expect(spec().validateResponse('mthGetThread', 429, error)).toMatchObject({
      ok: false,
      undeclared: true,
    });
    expect(spec().validateComponent('ApiErrorResponseModel', error).ok).toBe(true);
  });

  it('validates query strings with coercion and flags parameters the spec does not know', () => {
    const check = (query: string) =>
      spec().validateRequest(
        { method: 'GET', path: '/restapi/v1.0/account/~/message-threads' },
        {
          query: new URLSearchParams(query),
        },
      );
    expect(
      check('perPage=5&page=2&threadStatus=Open&ownerExtensionIds=1&ownerExtensionIds=2').errors,
    ).toEqual([]);
    expect(check('perPage=0').ok).toBe(false);
    expect(check('threadStatus=Closed').ok).toBe(false);
    expect(check('pageNumber=1').errors).toEqual([
      'mthListThreads: query parameter pageNumber is not in the spec',
    ]);
  });

  it('validates JSON and form request bodies', () => {
    const send = (body: unknown) =>
      spec().validateRequest('mthSendMessage', { body, contentType: 'application/json' });
    expect(
      send({ from: { phoneNumber: '+16505550100' }, to: [{ phoneNumber: '+16505550199' }], text: 'hi' }).ok,
    ).toBe(true);
    expect(send({ from: { phoneNumber: '650' }, to: [], text: '' }).errors.length).toBeGreaterThan(0);
    const token = (body: string) =>
      spec().validateRequest('getToken', { body, contentType: 'application/x-www-form-urlencoded' });
    expect(
      token('grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2Fx&client_id=c').errors,
    ).toEqual([]);
    expect(token('grant_type=password&username=u&password=p').ok).toBe(false);
    expect(spec().validateRequest('mthResolveThread', {}).ok).toBe(true);
    expect(spec().validateRequest('mthAssignThread', {}).ok).toBe(false);
  });
});
