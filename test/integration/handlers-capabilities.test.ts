import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fetchCapabilities, refreshCapabilities } from '../../lib/capabilities/refresh';
import { capabilities } from '../../lib/storage';
import { signedInJwtClient, startTestEmulator, type TestEmulator } from './auth-helpers';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => fakeBrowser.reset());

describe('capabilities', () => {
  it('an advisor: the queue and the main site with their shared numbers and handlers', async () => {
    const caps = await refreshCapabilities(await signedInJwtClient(t, 'Avery'));
    expect(await capabilities.getValue()).toEqual(caps);
    expect(caps.me).toMatchObject({ extensionId: t.user('Avery').extensionId, name: 'Avery Chen' });
    expect(caps.feature).toEqual({ available: true });
    const expected = t.user('Avery');
    const truth = (
      await t.control<{
        users: Array<{ extensionId: string; handles: Array<{ id: string; sharedNumbers: string[] }> }>;
      }>('credentials')
    ).users.find((u) => u.extensionId === expected.extensionId)!.handles;
    expect(caps.resources.map((r) => r.id).sort()).toEqual(truth.map((h) => h.id).sort());
    for (const h of truth) {
      expect(caps.resources.find((r) => r.id === h.id)?.sharedNumbers.sort()).toEqual(
        [...h.sharedNumbers].sort(),
      );
    }
    const queue = caps.resources.find((r) => r.type === 'Department')!;
    expect(queue.name).toBe('Financial Advising Queue');
    expect(queue.handlers.map((h) => h.name)).toContain('Jordan Patel');
    expect(queue.handlers.every((h) => h.assignable)).toBe(true);
  });

  it('an advisor of the branch: the IVR menu number counts for its site', async () => {
    const caps = await fetchCapabilities(await signedInJwtClient(t, 'Sam'));
    const truth = (
      await t.control<{
        users: Array<{ name: string; handles: Array<{ id: string; sharedNumbers: string[] }> }>;
      }>('credentials')
    ).users.find((u) => u.name === 'Sam Okafor')!.handles;
    expect(
      caps.resources
        .map((r) => ({ id: r.id, numbers: r.sharedNumbers.sort() }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      truth
        .map((h) => ({ id: h.id, numbers: [...h.sharedNumbers].sort() }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    const branch = caps.resources.find((r) => r.type === 'Site')!;
    expect(branch.handlers.find((h) => h.name === 'Morgan Diaz')?.assignable).toBe(false);
  });

  it('a user who handles nothing gets the feature but no resources', async () => {
    const caps = await fetchCapabilities(await signedInJwtClient(t, 'Riley'));
    expect(caps.feature.available).toBe(true);
    expect(caps.resources).toEqual([]);
  });

  it('account B: unavailable, with the reason code and message', async () => {
    const caps = await fetchCapabilities(await signedInJwtClient(t, 'Casey'));
    expect(caps.feature).toEqual({
      available: false,
      reason: {
        code: 'ServicePlanLimitation',
        message: 'The feature is unavailable for the current service plan',
      },
    });
    expect(caps.resources).toEqual([]);
  });
});
