// How a chip writes a number for people and screen readers. North American numbers get their usual
// grouping; others stay in E.164, since grouping rules per country would cost the content script 50 KB.

export function formatForDisplay(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : e164;
}
