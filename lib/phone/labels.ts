// What a label says a nearby number is: a phone, or an identifier of something else (order, invoice,
// account…). Labels are read from the text just before a number and from field labels around it.

export type LabelKind = 'phone' | 'other';

const PHONE_WORDS =
  'phone|phones|ph|tel|tele|telephone|mobile|mob|cell|cellphone|cellular|fax|sms|text|whatsapp|call|dial|' +
  'landline|hotline|direct|contact|reach|telefon|telefono|teléfono|téléphone|handy|portable|móvil|celular';

const OTHER_WORDS =
  'order|orders|ord|invoice|invoices|inv|account|acct|acc|a/c|case|cases|ticket|tickets|tkt|po|p\\.o|' +
  'purchase|ref|reference|id|ids|uid|guid|uuid|record|customer|cust|client|member|membership|policy|claim|' +
  'contract|quote|quotation|serial|s/n|sku|part|model|item|product|tracking|track|shipment|parcel|awb|' +
  'waybill|confirmation|conf|transaction|txn|payment|receipt|booking|reservation|opportunity|opp|deal|loan|' +
  'routing|aba|iban|swift|bic|vat|tax|tin|ein|ssn|sin|nin|passport|licence|license|dob|birth|zip|postal|' +
  'postcode|pin|otp|code|batch|lot|rma|job|project|task|incident|request|req|employee|emp|badge|vin|imei|' +
  'mrn|patient|version|build|release|amount|total|price|balance|qty|quantity|isbn|ip|card|check|cheque|' +
  'bestellung|rechnung|konto|kunde|factura|pedido|commande|facture|compte';

const WORD = new RegExp(`(?<![\\p{L}\\d])(?:(${PHONE_WORDS})|(${OTHER_WORDS}))(?![\\p{L}])`, 'giu');

/** The kind of the last labelling word in `text` (the one nearest a number that follows it). */
export function lastLabel(text: string): LabelKind | undefined {
  let kind: LabelKind | undefined;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) kind = m[1] ? 'phone' : 'other';
  return kind;
}

/**
 * The kind a field label gives its value. A phone word anywhere wins ("Account phone", "Phone (billing
 * account)"), since field labels name what the field holds rather than what precedes it.
 */
export function fieldLabelKind(label: string): LabelKind | undefined {
  let kind: LabelKind | undefined;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(label); m; m = WORD.exec(label)) {
    if (m[1]) return 'phone';
    kind = 'other';
  }
  return kind;
}
