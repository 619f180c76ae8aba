// Screens shown instead of the inbox: signed out, account loading, feature unavailable, not a handler.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { StateScreen } from '@/components/StateScreen';
import { protocolFailureOf } from '@/lib/messaging';
import type { Capabilities } from '@/lib/storage';
import { useServices } from './services';

export function SignedOutScreen() {
  const { settings, send, openOptions } = useServices();
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const auth = settings.auth.value;
  async function signIn() {
    busy.value = true;
    error.value = undefined;
    try {
      await send('signIn', { interactive: true });
    } catch (e) {
      error.value = protocolFailureOf(e).message;
    } finally {
      busy.value = false;
    }
  }
  return (
    <StateScreen
      testId="state-signed-out"
      title={i18n.t('state.signedOut.title')}
      actions={
        <>
          <button
            type="button"
            class="primary"
            disabled={busy.value || auth.state === 'signingIn'}
            onClick={signIn}
          >
            {i18n.t('auth.signIn')}
          </button>
          <button type="button" onClick={openOptions}>
            {i18n.t('state.openSettings')}
          </button>
        </>
      }
    >
      <p>{i18n.t('state.signedOut.body')}</p>
      {auth.state === 'signingIn' && <p role="status">{i18n.t('auth.signingIn')}</p>}
      {(error.value ?? auth.message) && (
        <p role="alert" class="error">
          {error.value ?? auth.message}
        </p>
      )}
    </StateScreen>
  );
}

export function LoadingAccountScreen() {
  return (
    <StateScreen testId="state-loading" title={i18n.t('state.loading.title')}>
      <p role="status">{i18n.t('state.loading.body')}</p>
    </StateScreen>
  );
}

export function FeatureUnavailableScreen({ feature }: { feature: Capabilities['feature'] }) {
  const { send } = useServices();
  return (
    <StateScreen
      testId="state-unavailable"
      title={i18n.t('state.unavailable.title')}
      actions={
        <button type="button" onClick={() => void send('refreshCapabilities', {}).catch(() => undefined)}>
          {i18n.t('state.checkAgain')}
        </button>
      }
    >
      <p>{i18n.t('state.unavailable.body')}</p>
      {feature.reason && (
        <p>
          <code>{feature.reason.code}</code> {feature.reason.message}
        </p>
      )}
    </StateScreen>
  );
}

export function NotHandlerScreen() {
  const { send } = useServices();
  return (
    <StateScreen
      testId="state-not-handler"
      title={i18n.t('state.notHandler.title')}
      actions={
        <button type="button" onClick={() => void send('refreshCapabilities', {}).catch(() => undefined)}>
          {i18n.t('state.checkAgain')}
        </button>
      }
    >
      <p>{i18n.t('state.notHandler.body')}</p>
    </StateScreen>
  );
}
