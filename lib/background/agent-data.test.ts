import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Agent } from '../auth/agent';
import { overdueNotices, serverClock } from '../storage';
import { openStore } from '../sync/db';
import { setupAgentData } from './agent-data';

const agent = (extensionId: string): Agent => ({
  extensionId,
  server: 'https://rc.test',
  key: `${extensionId}@https://rc.test`,
});

describe('the hand-over between agents on one profile', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it("gives agent B none of what agent A was told about overdue threads, nor A's server clock", async () => {
    const db = await openStore(`agent-data-${Math.random()}`);
    const agents = setupAgentData({ db: async () => db, clearStore: async () => undefined, parts: [] });

    await agents.begin(agent('A'));
    await overdueNotices.setValue({ since: 1_000, told: { t1: 500 } });
    await serverClock.setValue({ offsetMs: 42_000 });

    // A's session ended without a sign-out (no targets.stop()) and B signs in on the same profile: A's memory
    // would make B's first check treat every wait overdue since A's sign-in as news, and skip t1.
    await agents.begin(agent('B'));
    expect(await overdueNotices.getValue()).toBeNull();
    expect(await serverClock.getValue()).toBeNull();
  });
});
