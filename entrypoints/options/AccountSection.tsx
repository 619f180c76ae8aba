// Who is signed in, and the ways to sign in (PKCE window, or JWT for a private app) or out.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { protocolFailureOf } from '@/lib/messaging';
import { useOptions } from './services';

export function AccountSection() {
  const { settings, send } = useOptions();
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const auth = settings.auth.value;

  async function run(action: () => Promise<unknown>) {
    busy.value = true;
    error.value = undefined;
    try {
      await action();
    } catch (e) {
      error.value = protocolFailureOf(e).message;
    } finally {
      busy.value = false;
    }
  }

  return (
    <section aria-labelledby="account-title" data-testid="options-account">
      <h2 id="account-title">{i18n.t('options.account.title')}</h2>
      {auth.state === 'signedIn' && auth.user ? (
        <>
          <p data-testid="signed-in-as">
            {i18n.t('options.account.signedInAs', {
              name: auth.user.name,
              extension: auth.user.extensionNumber ?? auth.user.extensionId,
              account: auth.user.accountId,
            })}
          </p>
          <button type="button" disabled={busy.value} onClick={() => void run(() => send('signOut', {}))}>
            {i18n.t('auth.signOut')}
          </button>
        </>
      ) : (
        <>
          <p>{i18n.t('options.account.signedOut')}</p>
          {auth.state === 'signingIn' && <p role="status">{i18n.t('auth.signingIn')}</p>}
          {auth.message && <p class="error">{auth.message}</p>}
          <button
            type="button"
            class="primary"
            disabled={busy.value}
            onClick={() => void run(() => send('signIn', { interactive: true }))}
          >
            {i18n.t('auth.signIn')}
          </button>
          <JwtForm busy={busy.value} run={run} />
        </>
      )}
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
    </section>
  );
}

function JwtForm({ busy, run }: { busy: boolean; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const { send, settings } = useOptions();
  const clientId = useSignal(settings.server.value.clientId);
  const clientSecret = useSignal('');
  const jwt = useSignal('');
  return (
    <details class="jwt">
      <summary>{i18n.t('options.account.jwtTitle')}</summary>
      <p class="hint">{i18n.t('options.account.jwtHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await send('signInJwt', {
              clientId: clientId.value.trim(),
              clientSecret: clientSecret.value,
              jwt: jwt.value.trim(),
            });
            // The secret is the background's business from here on: do not keep it in the page.
            clientSecret.value = '';
            jwt.value = '';
          });
        }}
      >
        <label>
          <span>{i18n.t('options.account.clientId')}</span>
          <input
            required
            value={clientId.value}
            onInput={(e) => (clientId.value = (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          <span>{i18n.t('options.account.clientSecret')}</span>
          <input
            required
            type="password"
            autoComplete="off"
            value={clientSecret.value}
            onInput={(e) => (clientSecret.value = (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          <span>{i18n.t('options.account.jwt')}</span>
          <textarea
            required
            rows={3}
            autoComplete="off"
            value={jwt.value}
            onInput={(e) => (jwt.value = (e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {i18n.t('options.account.jwtSubmit')}
        </button>
      </form>
    </details>
  );
}
