// The seeded conversations: ~40 customers' threads in every state (unassigned, assigned to each advisor,
// resolved by hand, expired, deleted, with notes, with an MMS, opted out), built through the store so hints
// and the change log are exactly what live traffic would produce.
import { nextNumericId, type IdCounter } from '../ids.ts';
import type { AccountRec, AttachmentRec } from '../state.ts';
import { carrierReply } from '../threads/carrier-replies.ts';
import type { AccountStore } from '../threads/store.ts';
import { IDS, NUMBERS } from './accounts.ts';
import { CUSTOMERS } from './customers.ts';
import { samplePng } from './png.ts';

type Via = 'queue' | 'main' | 'ivr';
/** [direction, text, minutes ago, extra] */
type Line = [dir: 'in' | 'out', text: string, minutesAgo: number, extra?: 'photo' | 'stop' | 'failed'];

interface Plan {
  customer: number;
  via?: Via;
  assignee?: string;
  lines: Line[];
  notes?: [author: string, text: string, minutesAgo: number][];
  resolvedAgo?: number;
  deletedAgo?: number;
}

const { avery, jordan, sam, taylor } = IDS;
const HOURS = 60;
const DAYS = 24 * HOURS;

export const PLANS: Plan[] = [
  // Unassigned, waiting for someone to pick them up.
  {
    customer: 0,
    lines: [['in', 'Hi, I would like to review my retirement plan. Is anyone available this week?', 25]],
  },
  {
    customer: 1,
    lines: [
      ['in', 'Can you send me the Q3 statement again? I cannot find it.', 90],
      ['in', 'It was the brokerage account ending 4471.', 88],
    ],
  },
  {
    customer: 2,
    lines: [['in', 'Our practice wants to set up a 401(k) for staff. Who should I talk to?', 6 * HOURS]],
  },
  { customer: 3, lines: [['in', 'Here is the photo of the tax form you asked for.', 3 * HOURS, 'photo']] },
  { customer: 4, via: 'main', lines: [['in', 'Hello, is this the right number to reach an advisor?', 40]] },
  {
    customer: 5,
    via: 'ivr',
    lines: [['in', 'I was told to text this number about my Boston office appointment.', 2 * HOURS]],
  },
  // Avery's threads.
  {
    customer: 6,
    assignee: avery,
    lines: [
      ['in', 'Is my Roth conversion going through this year?', 20 * HOURS],
      ['out', 'Hi Hannah, yes — we scheduled it for the 15th. I will confirm once it settles.', 19 * HOURS],
      ['in', 'Great, thank you!', 18 * HOURS],
    ],
    notes: [[avery, 'Conversion amount agreed on the phone: $18,000. Check the pro-rata rule.', 19 * HOURS]],
  },
  {
    customer: 7,
    assignee: avery,
    lines: [
      ['out', 'Hi Luis, a reminder of our portfolio review tomorrow at 10:00.', 26 * HOURS],
      ['in', 'Could we move it to 11?', 25 * HOURS],
      ['out', '11:00 works. See you then.', 24 * HOURS],
    ],
  },
  {
    customer: 8,
    assignee: avery,
    lines: [['in', 'My husband and I want to open a 529 plan for our daughter.', 5 * HOURS]],
  },
  // Jordan's threads.
  {
    customer: 9,
    assignee: jordan,
    lines: [
      ['in', 'Do you handle business succession planning?', 2 * DAYS],
      ['out', 'We do, Robert. I can walk you through the options — when suits you?', 47 * HOURS],
      ['in', 'Thursday afternoon would be ideal.', 30 * HOURS],
    ],
    notes: [
      [jordan, 'Family business, two sons involved. Bring the buy-sell agreement template.', 46 * HOURS],
      [avery, 'I met Robert at the chamber event — he prefers calls after 3pm.', 29 * HOURS],
    ],
  },
  {
    customer: 10,
    assignee: jordan,
    lines: [
      ['in', 'What is the deadline for this year’s IRA contribution?', 4 * HOURS],
      [
        'out',
        'Hi Mei, contributions for this tax year are accepted until the April filing deadline.',
        3 * HOURS,
      ],
    ],
  },
  {
    customer: 11,
    via: 'main',
    assignee: jordan,
    lines: [
      ['in', 'I need to update my beneficiary forms.', 7 * HOURS],
      ['out', 'Happy to help, Owen. I will email the forms now.', 6 * HOURS],
    ],
  },
  // Sam's threads.
  {
    customer: 12,
    assignee: sam,
    lines: [
      ['in', 'The market drop has me nervous. Should I move to cash?', 9 * HOURS],
      [
        'out',
        'I understand, Sofia. Let’s talk before any change — your plan already accounts for volatility.',
        8 * HOURS,
      ],
      ['in', 'OK, call me tonight please.', 8 * HOURS - 10],
    ],
  },
  {
    customer: 13,
    assignee: sam,
    lines: [['out', 'Hi Jamal, your quarterly rebalance is complete. Summary sent by email.', 30 * HOURS]],
  },
  {
    customer: 14,
    via: 'ivr',
    assignee: sam,
    lines: [
      ['in', 'Can I bring my accountant to the Boston meeting?', 12 * HOURS],
      ['out', 'Of course, Ingrid. See you both on Monday.', 11 * HOURS],
    ],
  },
  // Taylor's threads.
  {
    customer: 15,
    assignee: taylor,
    lines: [
      ['in', 'I received a letter about required minimum distributions. What do I need to do?', 15 * HOURS],
      [
        'out',
        'Hi Victor, nothing urgent — we will set up the RMD together. Are you free Friday?',
        14 * HOURS,
      ],
    ],
    notes: [[taylor, 'Turns 73 this year. RMD due by April 1 next year.', 14 * HOURS]],
  },
  { customer: 16, assignee: taylor, lines: [['in', 'Thanks for the update on the bond ladder!', 50]] },
  {
    customer: 17,
    via: 'ivr',
    assignee: taylor,
    lines: [
      ['in', 'Please call me about the estate plan.', 33 * HOURS],
      ['out', 'Will do, Samuel — expect my call at 2pm.', 32 * HOURS],
    ],
  },
  // Resolved by hand (some customers then texted again: a new thread, never a reopened one).
  {
    customer: 18,
    assignee: avery,
    lines: [
      ['in', 'Did you receive my signed documents?', 3 * DAYS],
      ['out', 'Yes Natalie, all received. Thank you!', 3 * DAYS - 30],
    ],
    resolvedAgo: 3 * DAYS - 20,
  },
  { customer: 18, lines: [['in', 'One more question about the transfer fee.', 2 * HOURS]] },
  {
    customer: 19,
    assignee: jordan,
    lines: [
      ['in', 'Confirming our call on Tuesday.', 30 * HOURS],
      ['out', 'Confirmed, Henry. Talk then.', 29 * HOURS],
    ],
    resolvedAgo: 28 * HOURS,
  },
  {
    customer: 20,
    assignee: sam,
    lines: [['in', 'All set, thanks for your help.', 10 * HOURS]],
    resolvedAgo: 9 * HOURS,
  },
  {
    customer: 21,
    via: 'main',
    assignee: avery,
    lines: [
      ['out', 'Hi Olivia, your new account is open.', 4 * DAYS],
      ['in', 'Wonderful, thanks.', 4 * DAYS - 60],
    ],
    resolvedAgo: 4 * DAYS - 50,
  },
  // Expired after 72 h without activity.
  { customer: 22, lines: [['in', 'Is the office open on Saturday?', 6 * DAYS]] },
  {
    customer: 23,
    assignee: taylor,
    lines: [
      ['in', 'Please resend the fee schedule.', 5 * DAYS],
      ['out', 'Sent, Fatima.', 5 * DAYS - 45],
    ],
  },
  {
    customer: 24,
    assignee: jordan,
    lines: [['out', 'Hi George, checking in about the annuity quote.', 4 * DAYS]],
  },
  { customer: 24, lines: [['in', 'Sorry for the delay — yes, still interested in the annuity.', 70]] },
  // Opted out, then a send that failed.
  {
    customer: 25,
    assignee: sam,
    lines: [
      ['out', 'Hi Lena, a reminder that your documents are due Friday.', 2 * DAYS],
      ['in', 'STOP', 47 * HOURS, 'stop'],
      ['out', 'Apologies Lena, one last note: the deadline moved to Monday.', 46 * HOURS, 'failed'],
    ],
    notes: [[sam, 'Customer opted out of texts. Use email only.', 46 * HOURS - 5]],
  },
  // Deleted by a handler.
  { customer: 26, lines: [['in', 'Wrong number, sorry!', 20 * HOURS]], deletedAgo: 19 * HOURS },
  // More open traffic across the team.
  {
    customer: 27,
    assignee: avery,
    lines: [
      ['in', 'Could we add my sister to the bakery’s retirement plan?', 11 * HOURS],
      ['out', 'Yes Rosa, I will prepare the paperwork.', 10 * HOURS],
    ],
  },
  { customer: 28, lines: [['in', 'Is there a fee to close my account?', 15]] },
  {
    customer: 29,
    assignee: jordan,
    lines: [
      ['in', 'Photo of the check for deposit.', 16 * HOURS, 'photo'],
      ['out', 'Got it, Amara. Deposited today.', 15 * HOURS],
    ],
  },
  {
    customer: 30,
    assignee: sam,
    lines: [
      ['out', 'Hi Patrick, your tax-loss harvesting report is ready.', 36 * HOURS],
      ['in', 'Thanks, will review tonight.', 35 * HOURS],
    ],
  },
  {
    customer: 31,
    via: 'main',
    lines: [['in', 'Do you offer financial planning for small businesses?', 3 * HOURS]],
  },
  {
    customer: 32,
    assignee: taylor,
    lines: [
      ['in', 'What documents do I need for the mortgage pre-approval letter?', 26 * HOURS],
      ['out', 'Two recent statements and your last tax return, Arjun.', 25 * HOURS],
    ],
  },
  {
    customer: 33,
    assignee: avery,
    lines: [['in', 'Bonjour! Can we meet in person next month?', 42 * HOURS]],
  },
  { customer: 34, lines: [['in', 'I am interested in socially responsible funds.', 55]] },
  {
    customer: 35,
    assignee: jordan,
    lines: [['out', 'Hi Zara, welcome aboard! Text here any time.', 44 * HOURS]],
  },
  {
    customer: 36,
    assignee: avery,
    lines: [
      ['in', 'Good morning from London — can we discuss my US pension?', 13 * HOURS],
      ['out', 'Good morning Oliver! Yes — does 4pm your time work?', 12 * HOURS],
    ],
  },
  { customer: 37, lines: [['in', 'Hello, I have a question about transferring an ISA.', 5 * HOURS]] },
  { customer: 38, via: 'ivr', lines: [['in', 'Is the Boston branch accessible by wheelchair?', 80]] },
  {
    customer: 39,
    assignee: taylor,
    lines: [['in', 'G’day, can you help with superannuation questions?', 21 * HOURS]],
  },
  {
    customer: 40,
    assignee: sam,
    lines: [['in', 'Thanks Sam, see you at the seminar.', 2 * HOURS]],
    notes: [[sam, 'Registered for the retirement seminar, seat 14.', 110]],
  },
  { customer: 41, lines: [['in', 'HELP', 12 * HOURS]] },
];

const SHARED: Record<Via, { phone: string; owner: string }> = {
  queue: { phone: NUMBERS.queue, owner: IDS.queue },
  main: { phone: NUMBERS.main, owner: IDS.mainSite },
  ivr: { phone: NUMBERS.branchIvr, owner: IDS.branch },
};

export interface SeedDeps {
  account: AccountRec;
  store: AccountStore;
  counter: IdCounter;
  putMedia(id: string, bytes: Uint8Array): void;
  now: number;
}

function photo(deps: SeedDeps, index: number): AttachmentRec {
  const id = nextNumericId(deps.counter, '76');
  const bytes = samplePng(96, 64, index * 40);
  deps.putMedia(id, bytes);
  return { id, contentType: 'image/png', filename: `photo-${index + 1}.png`, size: bytes.byteLength };
}

function playPlan(deps: SeedDeps, plan: Plan, index: number): void {
  const { store, now } = deps;
  const customer = CUSTOMERS[plan.customer];
  const first = plan.lines[0];
  if (!customer || !first) return;
  const shared = SHARED[plan.via ?? 'queue'];
  const at = (minutesAgo: number) => now - minutesAgo * 60_000;
  const outboundFirst = first[0] === 'out';
  const thread = store.createThread({
    ownerId: shared.owner,
    ownerPhone: shared.phone,
    guestPhone: customer.phoneNumber,
    assigneeId: outboundFirst ? (plan.assignee ?? null) : null,
    ...(outboundFirst && plan.assignee ? { initiatorId: plan.assignee } : {}),
    time: at(first[2]),
  });
  plan.lines.forEach(([dir, text, minutesAgo, extra], i) => {
    if (i === 1 && !outboundFirst && plan.assignee && thread.assigneeId !== plan.assignee) {
      store.assign(thread.id, plan.assignee, plan.assignee, at(minutesAgo) - 60_000);
    }
    const time = at(minutesAgo);
    store.addMessage({
      threadId: thread.id,
      direction: dir === 'in' ? 'Inbound' : 'Outbound',
      messageStatus: dir === 'in' ? 'Received' : extra === 'failed' ? 'SendingFailed' : 'Delivered',
      text,
      ...(extra === 'photo' ? { attachments: [photo(deps, index)] } : {}),
      ...(dir === 'out' ? { authorId: plan.assignee ?? null } : {}),
      time,
    });
    if (extra === 'stop') {
      store.setOptOut(thread.ownerPhone, thread.guestPhone, true);
      store.addMessage({
        threadId: thread.id,
        direction: 'Outbound',
        messageStatus: 'Delivered',
        text: carrierReply('optOut', deps.account.companyName),
        authorId: null,
        time: time + 1000,
      });
    }
  });
  if (plan.lines.length === 1 && !outboundFirst && plan.assignee) {
    store.assign(thread.id, plan.assignee, plan.assignee, at(first[2]) + 5 * 60_000);
  }
  if (first[1] === 'HELP') {
    store.addMessage({
      threadId: thread.id,
      direction: 'Outbound',
      messageStatus: 'Delivered',
      text: carrierReply('help', deps.account.companyName),
      authorId: null,
      time: at(first[2]) + 1000,
    });
  }
  for (const [author, text, minutesAgo] of plan.notes ?? [])
    store.addNote(thread.id, text, author, at(minutesAgo));
  if (plan.resolvedAgo !== undefined) store.resolve(thread.id, 'Manual', plan.assignee, at(plan.resolvedAgo));
  if (plan.deletedAgo !== undefined) store.deleteThread(thread.id, IDS.avery, at(plan.deletedAgo));
}

export function seedConversations(deps: SeedDeps): void {
  PLANS.forEach((plan, index) => {
    // Threads that ran out of time resolve the way the live server would resolve them, in order of creation.
    for (const thread of deps.store.dueForExpiry(deps.now - (plan.lines[0]?.[2] ?? 0) * 60_000)) {
      deps.store.resolve(thread.id, 'ThreadExpired', undefined, thread.lastActivityTime + 72 * 60 * 60_000);
    }
    deps.store.recomputeExpiry();
    playPlan(deps, plan, index);
  });
  for (const thread of deps.store.dueForExpiry(deps.now)) {
    deps.store.resolve(thread.id, 'ThreadExpired', undefined, thread.lastActivityTime + 72 * 60 * 60_000);
  }
  deps.store.recomputeExpiry();
}
