/** Ids of the known CRMs; the options page lists the same ids to switch them off. */
export type KnownCrmId = 'salesforce' | 'hubspot' | 'zoho' | 'pipedrive' | 'dynamics';
export type CrmId = KnownCrmId | 'demo' | 'generic';

/**
 * What ThreadDesk knows about one CRM: data, plus a few pure functions over its URLs and markup.
 * Every function must cope with markup it does not expect by returning undefined.
 */
export interface CrmAdapter {
  id: CrmId;
  name: string;
  /** Match patterns of its sites, for the manifest (ports are ignored by match patterns). */
  matches: readonly string[];
  matchesUrl(url: URL): boolean;
  /** CSS selectors of the element holding the app, most specific first; the body when none is there. */
  containers: readonly string[];
  /** The contact a number belongs to when it sits in a list row or a related-record card. */
  rowName(el: Element): string | undefined;
  /** The contact the whole page is about (a record page's header), if any. */
  recordName(doc: Document): string | undefined;
  /** The label of the field a number is shown in, where the CRM's markup says it. */
  fieldLabel?(el: Element): string | undefined;
  /** Demo pages use numbers from fictional ranges. */
  allowFictional?: boolean;
}
