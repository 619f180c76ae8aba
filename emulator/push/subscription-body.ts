// Validates a subscription create/update body sent over the socket (docs/emulator.md "Push").
import { z } from 'zod';
import { resolveEventFilter, type Identity } from './event-filters.ts';
import { RC_ERRORS, type RcError } from './rc-errors.ts';
import type { ThreadEventFilter } from './types.ts';

/** DisabledFilterInfo of the spec: a filter the subscription accepted but will not deliver. */
export interface DisabledFilter {
  filter: string;
  reason: string;
  message: string;
}

export interface ValidFilters {
  filters: Set<ThreadEventFilter>;
  eventFilters: string[];
  disabledFilters: DisabledFilter[];
}

/** RingCentral's feature-availability reason for "turned off for the account" (readExtensionFeatures). */
const DISABLED_REASON = 'AccountLimitation';

/** Filters as the client sent them (`~` or ids) that the test-control API switched off. */
export type SwitchedOff = readonly string[];

export type BodyCheck = { ok: true; value: ValidFilters } | { ok: false; status: 400 | 403; error: RcError };

const FiltersBody = z.object({ eventFilters: z.array(z.string()).min(1) });
const DeliveryBody = z.object({ deliveryMode: z.object({ transportType: z.string() }) });

function isSwitchedOff(raw: string, expanded: string, identity: Identity, off: SwitchedOff): boolean {
  return off.some((entry) => {
    const resolved = resolveEventFilter(entry, identity);
    return entry.trim() === raw.trim() || (resolved.ok && resolved.expanded === expanded);
  });
}

export function checkEventFilters(body: unknown, identity: Identity, off: SwitchedOff = []): BodyCheck {
  const parsed = FiltersBody.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, error: RC_ERRORS.invalidParameter('eventFilters') };
  const filters = new Set<ThreadEventFilter>();
  const eventFilters: string[] = [];
  const disabledFilters: DisabledFilter[] = [];
  const disable = (filter: string, message: string) => {
    if (!disabledFilters.some((d) => d.filter === filter))
      disabledFilters.push({ filter, reason: DISABLED_REASON, message });
  };
  const invalid: string[] = [];
  let foreign = false;
  let otherExtension = false;
  for (const raw of parsed.data.eventFilters) {
    const resolved = resolveEventFilter(raw, identity);
    if (!resolved.ok) {
      if (resolved.reason === 'foreign-account') foreign = true;
      else if (resolved.reason === 'other-extension') otherExtension = true;
      else if (resolved.reason === 'undelivered')
        disable(raw.trim(), 'Events of this filter are not delivered.');
      else invalid.push(raw);
      continue;
    }
    if (isSwitchedOff(raw, resolved.expanded, identity, off)) {
      disable(resolved.expanded, 'Events of this filter are currently not delivered.');
      continue;
    }
    if (!eventFilters.includes(resolved.expanded)) eventFilters.push(resolved.expanded);
    if (resolved.filter) filters.add(resolved.filter);
  }
  if (invalid.length > 0) return { ok: false, status: 400, error: RC_ERRORS.invalidEventFilters(invalid) };
  if (foreign) return { ok: false, status: 403, error: RC_ERRORS.foreignAccount() };
  if (otherExtension) return { ok: false, status: 403, error: RC_ERRORS.otherExtension() };
  return { ok: true, value: { filters, eventFilters, disabledFilters } };
}

/** WebSocket subscriptions are created over the socket with transportType WebSocket, nothing else. */
export function checkCreateBody(body: unknown, identity: Identity, off: SwitchedOff = []): BodyCheck {
  const delivery = DeliveryBody.safeParse(body);
  if (!delivery.success) return { ok: false, status: 400, error: RC_ERRORS.invalidParameter('deliveryMode') };
  const transportType = delivery.data.deliveryMode.transportType;
  if (transportType !== 'WebSocket') {
    return {
      ok: false,
      status: 400,
      error: RC_ERRORS.invalidParameter('deliveryMode.transportType', transportType),
    };
  }
  return checkEventFilters(body, identity, off);
}

/** An update with no body (or an empty object) only renews, as RingCentral's spec says. */
export function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}
