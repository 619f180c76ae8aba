// Chips live in closed shadow roots, out of reach of page scripts and of Playwright's selectors. Specs read
// them the way assistive technology does — Chromium's accessibility tree over CDP — and press them with real
// (trusted) input at the place they occupy on screen.
import type { CDPSession, Page } from '@playwright/test';
import { formatForDisplay } from '../lib/phone/format.ts';

export interface ChipNode {
  name: string;
  backendNodeId: number;
}

interface AxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  return s;
}

/** Every chip button on the page's main frame, by its accessible name. */
export async function chipNodes(page: Page): Promise<ChipNode[]> {
  const session = await cdp(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  return nodes.flatMap((n) =>
    !n.ignored && n.role?.value === 'button' && n.name?.value?.startsWith('Open SMS thread with ')
      ? [{ name: n.name.value, backendNodeId: n.backendDOMNodeId! }]
      : [],
  );
}

/** Chips of one number; their names may name the customer before it ("Ada (from Salesforce), +1 …") and say
 *  its state after it ("… — unassigned", "… — assigned to Jordan Patel"). */
export async function chipsFor(page: Page, e164: string): Promise<ChipNode[]> {
  const number = `${formatForDisplay(e164)} — `;
  return (await chipNodes(page)).filter(
    (c) => c.name.startsWith(`Open SMS thread with ${number}`) || c.name.includes(`, ${number}`),
  );
}

/** The state part of the first chip's name for this number, or undefined when it has no chip. */
export async function chipState(page: Page, e164: string): Promise<string | undefined> {
  const [chip] = await chipsFor(page, e164);
  const number = `${formatForDisplay(e164)} — `;
  return chip?.name.slice(chip.name.indexOf(number) + number.length);
}

/** A real mouse click in the middle of the chip. */
export async function clickChip(page: Page, chip: ChipNode): Promise<void> {
  const session = await cdp(page);
  await session.send('DOM.getDocument', { depth: 0 });
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: chip.backendNodeId });
  const { model } = (await session.send('DOM.getBoxModel', { backendNodeId: chip.backendNodeId })) as {
    model: { content: number[] };
  };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Focuses the chip and presses a real key. */
export async function pressOnChip(page: Page, chip: ChipNode, key: string): Promise<void> {
  const session = await cdp(page);
  await session.send('DOM.getDocument', { depth: 0 });
  await session.send('DOM.focus', { backendNodeId: chip.backendNodeId });
  await page.keyboard.press(key);
}
