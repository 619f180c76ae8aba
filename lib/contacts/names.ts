// Customer names and where each came from. A name the agent typed beats one from the CRM's API, which beats
// a hint read beside the number on a web page. Page hints are text written by a page we do not control, so
// they are kept per site, capped per site (one site cannot push out another's names or the CRM's), never
// replace a better source, and always shown with the site they came from.
// Pure functions over a plain record, so every context can read it and tests need no browser.
import { CRM_LABELS } from '../crm-api/types';

export type NameSource =
  | { kind: 'agent'; at: number }
  /** `crm` says which API gave it, e.g. "salesforce" or "hubspot". */
  | { kind: 'crm'; crm: string; at: number }
  /** `origin` is the page's scheme://host, as the browser reported the sender. */
  | { kind: 'page'; origin: string; at: number };

export interface ContactEntry {
  agent?: { name: string; at: number };
  crm?: { name: string; crm: string; at: number };
  /** Page hints by origin. */
  hints?: Record<string, { name: string; at: number }>;
}

/** Every known customer, by E.164 number. */
export type ContactBook = Record<string, ContactEntry>;

export interface ResolvedName {
  name: string;
  source: NameSource;
}

/** How many numbers one site may name; past it the site's oldest hints go. */
export const MAX_HINTS_PER_ORIGIN = 300;
/** How many sites may hold hints at once; past it the least recently active site's hints go. */
export const MAX_HINT_ORIGINS = 20;
export const MAX_NAME_LENGTH = 120;

/** A name as stored: whitespace collapsed, control and bidi-override characters dropped, length capped. */
export function cleanName(raw: string): string | undefined {
  const name = raw
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return name.length > 0 ? name : undefined;
}

/** The best name of a number: the agent's, else the CRM's, else the newest page hint. */
export function resolveName(
  book: Readonly<ContactBook>,
  phone: string | undefined,
): ResolvedName | undefined {
  const entry = phone ? book[phone] : undefined;
  if (!entry) return undefined;
  if (entry.agent) return { name: entry.agent.name, source: { kind: 'agent', at: entry.agent.at } };
  if (entry.crm) {
    const { name, crm, at } = entry.crm;
    return { name, source: { kind: 'crm', crm, at } };
  }
  let best: ResolvedName | undefined;
  for (const [origin, hint] of Object.entries(entry.hints ?? {})) {
    if (!best || hint.at > best.source.at) {
      best = { name: hint.name, source: { kind: 'page', origin, at: hint.at } };
    }
  }
  return best;
}

/** A name that is fact rather than page text (the agent's or the CRM's): what merge fields may use. */
export function verifiedName(book: Readonly<ContactBook>, phone: string | undefined): string | undefined {
  const resolved = resolveName(book, phone);
  return resolved && resolved.source.kind !== 'page' ? resolved.name : undefined;
}

/** The site a page hint came from, as people read it ("crm.example.com"). */
export function siteOf(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** The site to show beside a name, when the name is only a page hint. */
export function hintSite(resolved: ResolvedName | undefined): string | undefined {
  return resolved?.source.kind === 'page' ? siteOf(resolved.source.origin) : undefined;
}

/** Where a shown name came from, when it is not the agent's own: the page's site, or the CRM ("Salesforce").
 *  A CRM this build does not know is shown by its id rather than hidden. */
export function nameSource(resolved: ResolvedName | undefined): string | undefined {
  if (resolved?.source.kind === 'crm') {
    const crm = resolved.source.crm;
    return Object.hasOwn(CRM_LABELS, crm) ? CRM_LABELS[crm as keyof typeof CRM_LABELS] : crm;
  }
  return hintSite(resolved);
}

/** "Ana Diaz" (the agent's), "Ana Diaz (from Salesforce)" or "Ana Diaz (from crm.example.com)" for a page hint. */
export function nameWithSource(resolved: ResolvedName): string {
  const source = nameSource(resolved);
  return source ? `${resolved.name} (from ${source})` : resolved.name;
}

function withEntry(book: ContactBook, phone: string, change: (e: ContactEntry) => ContactEntry): ContactBook {
  const next = change({ ...book[phone] });
  const copy = { ...book };
  if (next.agent || next.crm || (next.hints && Object.keys(next.hints).length > 0)) copy[phone] = next;
  else delete copy[phone];
  return copy;
}

/** Sets (or with null clears) the name the agent typed. */
export function setAgentName(
  book: ContactBook,
  phone: string,
  name: string | null,
  now: number,
): ContactBook {
  const clean = name === null ? undefined : cleanName(name);
  return withEntry(book, phone, (e) => {
    if (clean) e.agent = { name: clean, at: now };
    else delete e.agent;
    return e;
  });
}

/** Sets (or with null clears) the name a CRM's API gave for the number. */
export function setCrmName(
  book: ContactBook,
  phone: string,
  name: string | null,
  crm: string,
  now: number,
): ContactBook {
  const clean = name === null ? undefined : cleanName(name);
  return withEntry(book, phone, (e) => {
    if (clean) e.crm = { name: clean, crm, at: now };
    else delete e.crm;
    return e;
  });
}

/**
 * Records what one page showed beside its numbers. Only that origin's hints change: a hint never touches
 * an agent or CRM name, and the caps evict the same site's oldest hints (or, past MAX_HINT_ORIGINS, the
 * stalest site's), so a page inventing numbers cannot push out real names. Returns the same object when
 * nothing changed, so callers can skip the write.
 */
export function addPageHints(
  book: ContactBook,
  origin: string,
  hints: Readonly<Record<string, string>>,
  now: number,
): ContactBook {
  const fresh = Object.entries(hints).flatMap(([phone, raw]) => {
    const name = cleanName(raw);
    return name && book[phone]?.hints?.[origin]?.name !== name ? [[phone, name] as const] : [];
  });
  if (fresh.length === 0) return book;
  let next: ContactBook = { ...book };
  for (const [phone, name] of fresh) {
    next[phone] = { ...next[phone], hints: { ...next[phone]?.hints, [origin]: { name, at: now } } };
  }
  next = capOrigin(next, origin);
  return capOrigins(next);
}

function hintsOf(book: ContactBook, origin: string): Array<[string, number]> {
  const list: Array<[string, number]> = [];
  for (const [phone, entry] of Object.entries(book)) {
    const hint = entry.hints?.[origin];
    if (hint) list.push([phone, hint.at]);
  }
  return list;
}

function dropHint(book: ContactBook, phone: string, origin: string): void {
  const entry = book[phone];
  if (!entry?.hints?.[origin]) return;
  const { [origin]: _gone, ...rest } = entry.hints;
  const next: ContactEntry = { ...entry, hints: rest };
  if (Object.keys(rest).length === 0) delete next.hints;
  if (next.agent || next.crm || next.hints) book[phone] = next;
  else delete book[phone];
}

function capOrigin(book: ContactBook, origin: string): ContactBook {
  const list = hintsOf(book, origin);
  if (list.length <= MAX_HINTS_PER_ORIGIN) return book;
  list.sort((a, b) => a[1] - b[1]);
  for (const [phone] of list.slice(0, list.length - MAX_HINTS_PER_ORIGIN)) dropHint(book, phone, origin);
  return book;
}

function capOrigins(book: ContactBook): ContactBook {
  const latest = new Map<string, number>();
  for (const entry of Object.values(book)) {
    for (const [origin, hint] of Object.entries(entry.hints ?? {})) {
      latest.set(origin, Math.max(latest.get(origin) ?? 0, hint.at));
    }
  }
  if (latest.size <= MAX_HINT_ORIGINS) return book;
  const stale = [...latest].sort((a, b) => a[1] - b[1]).slice(0, latest.size - MAX_HINT_ORIGINS);
  for (const [origin] of stale) for (const [phone] of hintsOf(book, origin)) dropHint(book, phone, origin);
  return book;
}
