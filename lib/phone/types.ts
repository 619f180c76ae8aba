/** Where a number was found: page text, a tel:/sms:/callto: link, or a read-only input's value. */
export type MatchSource = 'text' | 'link' | 'input';

export interface PhoneMatch {
  e164: string;
  /** The number as written on the page (extension included), a link's text, or an input's value. */
  text: string;
  /**
   * The written number. For a link it selects the link's contents; for a read-only input, whose value a
   * Range cannot point into, it selects the input element itself.
   */
  range: Range;
  extension?: string;
  source: MatchSource;
}

export interface DetectOptions {
  /** ISO 3166 region for numbers written without + or an IDD prefix (e.g. 'US'). */
  defaultCountry?: string;
  /** Also accept numbers from ranges set aside for fiction (NANP 555, UK 07700 900…), as demos use. */
  allowFictional?: boolean;
  /** A CRM's own way to read the label of the field a number is shown in; the generic one is tried after. */
  fieldLabel?: (element: Element) => string | undefined;
  /**
   * Whether the page's layout is up to date (nothing changed since the browser last laid it out), as on a
   * loaded page: visibility is then asked of checkVisibility(), which otherwise forces a relayout. Default true.
   */
  layoutClean?: boolean;
  /** Told about each element skipped because it is hidden, so a caller can look again once it shows. */
  onHidden?: (element: Element) => void;
  /** Told about each open shadow root searched, so a caller can watch it for changes. */
  onShadowRoot?: (root: ShadowRoot) => void;
}
