// Tests read a chip's closed shadow root the only way there is: by catching it as it is attached.
import { vi } from 'vitest';

const roots = new WeakMap<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
});

/** The element inside a chip's root that carries its role and accessible name. */
export function chipButton(host: Element): HTMLElement | undefined {
  return (roots.get(host)?.querySelector('[role="button"]') as HTMLElement | null) ?? undefined;
}

export const chipName = (host: Element | undefined) =>
  host ? chipButton(host)?.getAttribute('aria-label') : undefined;
export const chipKind = (host: Element | undefined) => (host ? chipButton(host)?.dataset.kind : undefined);
