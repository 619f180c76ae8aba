// Test helper: a person signing in on the emulator's Salesforce login page — fetch the authorize URL, fill the
// form, and follow it to the redirect that carries the code.
export async function signInForCode(authorizeUrl: string, username: string, password: string): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const form = new URLSearchParams({ username, password });
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    form.set(m[1] ?? '', decode(m[2] ?? ''));
  }
  const answer = await fetch(authorizeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`sign-in answered ${answer.status}: ${await answer.text()}`);
  return new URL(location);
}
