// Our own labelled corpus (a second one beside ../shared/phone-bench), shaped like real CRM markup:
// Salesforce Lightning record pages and list views (custom elements, shadow roots), HubSpot property panels,
// Zoho list rows, Dynamics form controls and Pipedrive person cards, part of them rendered late by script.
// Phones are drawn from what libphonenumber-js's parser accepts: every separator it strips, Unicode digit
// forms (fullwidth, Arabic-Indic, Eastern Arabic-Indic), its extension notations and tel: links. Decoys are
// the classes real CRM pages hold: carrier tracking numbers (UPS, FedEx, USPS, DHL), long reference and
// account numbers, dates and times in common locale formats, coordinates, versions, money, cards, IBANs.
// Output is score.mjs's format: page.html + truth.json ({ cell, text, e164?, kind, negative?, optional? }).
// Usage: npx tsx bench/phone-corpus.ts --records 400 --seed 7 --out DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

let seed = Number(arg('seed', '7'));
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

interface Span {
  text: string;
  e164?: string;
  kind: string;
  negative?: boolean;
  optional?: boolean;
}
const truth: Array<Span & { cell: string }> = [];
let cells = 0;
/** A labelled cell: the element with id c<N> that score.mjs attributes matches to. */
function cell(tag: string, attrs: string, html: string, spans: Span[]): string {
  const id = `c${cells++}`;
  for (const s of spans) truth.push({ cell: id, ...s });
  return `<${tag} id="${id}"${attrs}>${html}</${tag}>`;
}

// ---- phones: libphonenumber's own accepted forms ----
const AREAS = [
  '206',
  '212',
  '303',
  '305',
  '312',
  '404',
  '415',
  '503',
  '512',
  '617',
  '646',
  '702',
  '713',
  '818',
];
function us() {
  for (;;) {
    const a = pick(AREAS);
    const x = `${2 + Math.floor(rnd() * 8)}${digits(2)}`;
    const l = digits(4);
    if (x === '555' || x.endsWith('11')) continue;
    const p = parsePhoneNumberFromString(`+1${a}${x}${l}`);
    if (p?.isValid()) return { a, x, l, e164: p.number as string };
  }
}
const COUNTRIES: CountryCode[] = [
  'GB',
  'DE',
  'FR',
  'AU',
  'IN',
  'BR',
  'MX',
  'ES',
  'IT',
  'NL',
  'SG',
  'ZA',
  'JP',
  'SE',
];
function intl() {
  for (;;) {
    const cc = pick(COUNTRIES);
    const ex = getExampleNumber(cc, examples);
    if (!ex) continue;
    const p = parsePhoneNumberFromString(ex.number.slice(0, -2) + digits(2));
    if (p?.isValid()) return p;
  }
}
const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + +d));
const ARABIC = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + +d));
const PERSIAN = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d));
const SEPARATORS = ['-', '.', ' ', '\u00a0', '\u2010', '\u2013', '/'];
const EXTENSIONS = [' ext. ', ' ext ', ' x', ' x ', ' #', ' extension ', ' Ext: ', ' доб. '];

function phoneText(): { text: string; e164: string; kind: string; href?: string } {
  const r = rnd();
  if (r < 0.55) {
    const n = us();
    const sep = pick(SEPARATORS);
    const forms = [
      `(${n.a}) ${n.x}-${n.l}`,
      `${n.a}${sep}${n.x}${sep}${n.l}`,
      `+1 ${n.a}${sep}${n.x}${sep}${n.l}`,
      `1${sep}${n.a}${sep}${n.x}${sep}${n.l}`,
      `+1 (${n.a}) ${n.x} ${n.l}`,
      `${n.a}${n.x}${n.l}`,
    ];
    let text = pick(forms);
    let kind = 'us';
    const u = rnd();
    if (u < 0.08) [text, kind] = [FULLWIDTH(text).replace(/-/g, '－'), 'us/fullwidth'];
    else if (u < 0.12) [text, kind] = [ARABIC(text), 'us/arabic-indic'];
    else if (u < 0.14) [text, kind] = [PERSIAN(text), 'us/persian'];
    else if (u < 0.3)
      [text, kind] = [`${text}${pick(EXTENSIONS)}${digits(1 + Math.floor(rnd() * 4))}`, 'us/ext'];
    return { text, e164: n.e164, kind };
  }
  const p = intl();
  const forms = [
    p.formatInternational(),
    p.formatInternational().replace(/ /g, '-'),
    p.formatInternational().replace(/^\+/, '00'),
    p.number as string,
  ];
  return { text: pick(forms), e164: p.number as string, kind: `intl/${p.country}` };
}

// ---- decoys real CRM pages hold ----
const upper = () => 'ABCDEFGHJKLMNPRSTUVWXYZ'[Math.floor(rnd() * 23)]!;
const DECOYS: Array<[string, () => string]> = [
  ['ups', () => `1Z${upper()}${upper()}${digits(3)}${upper()}${digits(10)}`],
  ['fedex-12', () => digits(12)],
  ['fedex-15', () => `${digits(3)} ${digits(4)} ${digits(4)} ${digits(4)}`.slice(0, 18)],
  ['fedex-20', () => digits(20)],
  ['fedex-22', () => `96${digits(20)}`],
  ['usps-22', () => `9400 ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`],
  ['usps-20', () => digits(20)],
  ['dhl-10', () => `JD${digits(8)}`],
  ['reference', () => `REF-${digits(4)}-${digits(4)}-${digits(4)}`],
  ['account', () => `${digits(4)}-${digits(4)}-${digits(4)}`],
  ['date-iso', () => `2025-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`],
  ['date-de', () => `${pad(1 + Math.floor(rnd() * 28))}.${pad(1 + Math.floor(rnd() * 12))}.2025`],
  [
    'date-us-time',
    () =>
      `${pad(1 + Math.floor(rnd() * 12))}/${pad(1 + Math.floor(rnd() * 28))}/2025 ${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}`,
  ],
  [
    'datetime-iso',
    () =>
      `2025-03-${pad(1 + Math.floor(rnd() * 28))}T${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:00Z`,
  ],
  [
    'time',
    () => `${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:${pad(Math.floor(rnd() * 60))}`,
  ],
  ['coordinates', () => `${(rnd() * 90).toFixed(6)}, -${(rnd() * 180).toFixed(6)}`],
  ['version', () => `${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 20)}.${digits(4)}.${digits(4)}`],
  ['money-us', () => `$${digits(1)},${digits(3)},${digits(3)}.${digits(2)}`],
  ['money-eu', () => `${digits(3)}.${digits(3)}.${digits(3)},${digits(2)} €`],
  ['card', () => `4${digits(3)} ${digits(4)} ${digits(4)} ${digits(4)}`],
  ['iban', () => `DE${digits(2)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`],
  ['ssn', () => `${digits(3)}-${digits(2)}-${digits(4)}`],
];
const pad = (n: number) => String(n).padStart(2, '0');
const LABELS: Record<string, string> = {
  ups: 'Tracking',
  'fedex-12': 'FedEx tracking',
  'fedex-15': 'FedEx',
  'fedex-20': 'Shipment',
  'fedex-22': 'FedEx',
  'usps-22': 'USPS',
  'usps-20': 'USPS tracking',
  'dhl-10': 'DHL waybill',
  reference: 'Reference',
  account: 'Account number',
  'date-iso': 'Created',
  'date-de': 'Erstellt',
  'date-us-time': 'Last modified',
  'datetime-iso': 'Timestamp',
  time: 'Time',
  coordinates: 'Location',
  version: 'Build',
  'money-us': 'Amount',
  'money-eu': 'Betrag',
  card: 'Card',
  iban: 'IBAN',
  ssn: 'SSN',
};
function decoy(): Span {
  const [kind, make] = pick(DECOYS);
  return { text: make(), kind: `decoy:${kind}`, negative: true };
}

const NAMES = [
  'Ana Ruiz',
  'Bo Chen',
  'Chidi Okafor',
  'Dana Levi',
  'Emil Sørensen',
  'Farah Haddad',
  'Gus Park',
];

// ---- CRM templates ----
function phoneCell(tag: string, attrs: string, wrap: (inner: string) => string): string {
  const p = phoneText();
  const link = rnd() < 0.3;
  const inner = link ? `<a href="tel:${p.e164}">${esc(p.text)}</a>` : esc(p.text);
  return cell(tag, attrs, wrap(inner), [
    { text: p.text, e164: p.e164, kind: link ? `${p.kind}/tel` : p.kind },
  ]);
}
function decoyCell(tag: string, attrs: string, wrap: (inner: string, label: string) => string): string {
  const d = decoy();
  return cell(tag, attrs, wrap(esc(d.text), LABELS[d.kind.slice(6)] ?? 'Value'), [d]);
}

function salesforceRecord(): string {
  const shadow = (html: string) => `<template shadowrootmode="open">${html}</template>`;
  const item = (label: string, body: string) =>
    `<records-record-layout-item field-label="${label}">${shadow(
      `<div class="slds-form-element"><span class="slds-form-element__label">${label}</span><div class="slds-form-element__control"><slot></slot></div></div>`,
    )}${body}</records-record-layout-item>`;
  return `<article class="slds-card"><h1 data-record-name>${pick(NAMES)}</h1>${[
    item(
      'Phone',
      `<lightning-formatted-phone>${phoneCell('span', '', (i) => i)}</lightning-formatted-phone>`,
    ),
    item(
      'Mobile',
      `<lightning-formatted-phone>${shadow(phoneCell('span', '', (i) => i))}</lightning-formatted-phone>`,
    ),
    item(
      'Case Number',
      decoyCell('span', '', (i) => i),
    ),
    item(
      'Tracking',
      decoyCell('span', '', (i) => i),
    ),
  ].join('')}</article>`;
}
function salesforceList(rows: number): string {
  const body = Array.from({ length: rows }, () => {
    // The row heuristic must not eat a phone whose digits repeat an order number in the same row.
    const p = us();
    const same = rnd() < 0.25;
    const orderText = same ? `ORD-${p.a}${p.x}${p.l}` : `ORD-${digits(10)}`;
    const phone = `(${p.a}) ${p.x}-${p.l}`;
    return `<tr><th scope="row">${esc(pick(NAMES))}</th>${cell('td', '', esc(phone), [
      { text: phone, e164: p.e164, kind: same ? 'us/row-repeats-order' : 'us/list' },
    ])}${cell('td', '', esc(orderText), [{ text: orderText, kind: 'decoy:order', negative: true }])}${decoyCell(
      'td',
      '',
      (i) => i,
    )}</tr>`;
  }).join('');
  return `<table role="grid" class="slds-table"><thead><tr><th>Name</th><th>Phone</th><th>Order</th><th>Other</th></tr></thead><tbody>${body}</tbody></table>`;
}
function hubspot(): string {
  const prop = (label: string, body: string) =>
    `<div data-test-id="property-${label.toLowerCase()}"><label>${label}</label>${body}</div>`;
  return `<section class="hs-sidebar">${prop(
    'Phone number',
    phoneCell('span', '', (i) => i),
  )}${prop(
    'Deal amount',
    decoyCell('span', '', (i) => i),
  )}</section>`;
}
function zoho(): string {
  return `<lyte-table-row>${cell('lyte-td', '', esc(pick(NAMES)), [])}${phoneCell('lyte-td', ' data-zcqa="Phone"', (i) => i)}${decoyCell(
    'lyte-td',
    '',
    (i, l) => `<span title="${l}">${i}</span>`,
  )}</lyte-table-row>`;
}
function dynamics(): string {
  return `<div data-id="telephone1.fieldControl-text-box-text">${phoneCell('div', '', (i) => i)}</div><div data-id="cr_tracking.fieldControl-text-box-text">${decoyCell('div', '', (i, l) => `<label>${l}</label> ${i}`)}</div>`;
}
function pipedrive(): string {
  return `<div class="personCard">${phoneCell('div', ' class="fieldValue"', (i) => i)}${decoyCell('div', ' class="fieldValue"', (i, l) => `${l}: ${i}`)}</div>`;
}
/** A record panel whose content a script renders after load, as SPAs do. */
function lazy(inner: string): string {
  return `<div class="lazy" data-html="${esc(inner)}"></div>`;
}

const records = Number(arg('records', '400'));
const parts: string[] = [];
for (let i = 0; i < records; i++) {
  const t = pick([salesforceRecord, hubspot, zoho, dynamics, pipedrive, () => salesforceList(5)]);
  const html = t();
  parts.push(rnd() < 0.3 ? lazy(html) : html);
}
const page = `<!doctype html><html><head><meta charset="utf-8"><title>CRM corpus</title></head><body><main>${parts.join(
  '\n',
)}</main><script>for (const el of document.querySelectorAll('.lazy')) { el.setHTMLUnsafe(el.dataset.html); el.removeAttribute('data-html'); }</script></body></html>`;
const out = arg('out', '.');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'page.html'), page);
writeFileSync(
  path.join(out, 'truth.json'),
  JSON.stringify({ records, seed: Number(arg('seed', '7')), cells, truth }),
);
console.info(
  `phone-corpus: ${records} records, ${cells} cells, ${truth.filter((t) => !t.negative).length} phones, ${truth.filter((t) => t.negative).length} decoys → ${out}`,
);
