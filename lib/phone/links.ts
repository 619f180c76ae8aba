// Numbers in tel:, sms:, mms: and callto: links (RFC 3966 and RFC 5724 forms, and Skype's callto:).

const SCHEME = /^\s*(?:tel|sms|mms|callto):/i;

export interface LinkNumber {
  written: string;
  extension?: string;
}

export function isPhoneHref(href: string | null): href is string {
  return href !== null && SCHEME.test(href);
}

/** The number a phone link dials or texts (the first one of an sms: list). */
export function linkNumber(href: string): LinkNumber | undefined {
  let rest = href.replace(SCHEME, '').replace(/^\/\//, '');
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  const [target = ''] = rest.split(/[?,]/);
  const [number = '', ...params] = target.split(';');
  let written = number.trim();
  let extension: string | undefined;
  for (const param of params) {
    const [key = '', value = ''] = param.split('=');
    if (/^ext$/i.test(key) && /^\d{1,7}$/.test(value)) extension = value;
    // A local number with its context: tel:415-555-0100;phone-context=+1
    else if (/^phone-context$/i.test(key) && value.startsWith('+') && !written.startsWith('+')) {
      written = value + written;
    }
  }
  if (!/\d/.test(written)) return undefined;
  return extension ? { written, extension } : { written };
}
