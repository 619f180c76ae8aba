// The authorize page: a plain HTML sign-in form that keeps the OAuth parameters in hidden fields.
const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface SignInPageInput {
  /** OAuth parameters to carry through the form post. */
  params: URLSearchParams;
  username?: string;
  error?: string;
  appName: string;
}

export function signInPage(input: SignInPageInput): string {
  const hidden = [...input.params.entries()]
    .filter(([key]) => key !== 'username' && key !== 'password' && key !== 'action')
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const error = input.error
    ? `<p class="error" role="alert" id="signin-error">${escapeHtml(input.error)}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in – RingCentral emulator</title>
  <style>
    body { font-family: system-ui, sans-serif; background: #f3f5f8; margin: 0; display: grid; place-items: center; min-height: 100vh; }
    main { background: #fff; padding: 2rem; border-radius: 12px; box-shadow: 0 2px 12px #0002; width: min(360px, 90vw); }
    h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
    p.app { color: #555; margin: 0 0 1.5rem; }
    label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
    input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #aab; border-radius: 6px; }
    .actions { display: flex; gap: .5rem; margin-top: 1.5rem; }
    button { flex: 1; padding: .7rem; font-size: 1rem; border-radius: 6px; border: 0; cursor: pointer; }
    button[value=signin] { background: #0a6cd8; color: #fff; }
    button[value=cancel] { background: #e4e7ec; color: #222; }
    .error { color: #a00; background: #fee; padding: .5rem; border-radius: 6px; }
  </style>
</head>
<body>
  <main>
    <h1>Sign in to RingCentral</h1>
    <p class="app">${escapeHtml(input.appName)} is asking to use your account (local emulator).</p>
    ${error}
    <form method="post" action="/restapi/oauth/authorize">
      ${hidden}
      <label for="username">Username</label>
      <input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(input.username ?? '')}"${input.error ? ' aria-describedby="signin-error"' : ''}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <div class="actions">
        <button type="submit" name="action" value="signin">Sign in</button>
        <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
}
