// Beside a customer name read from a web page: says so, and lets the agent confirm it as their own, after which
// it fills merge fields like {firstName} (page hints never do; see lib/contacts/names.ts).
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { hintSite, resolveName } from '@/lib/contacts/names';
import { protocolFailureOf } from '@/lib/messaging';
import { useServices } from './services';

export function NameHint({ phone }: { phone: string }) {
  const { settings, send } = useServices();
  const failed = useSignal<string | undefined>(undefined);
  const resolved = resolveName(settings.contacts.value, phone);
  if (!resolved || !hintSite(resolved)) return null;
  const confirm = () =>
    send('setContactName', { phone, name: resolved.name }).then(
      () => (failed.value = undefined),
      (e: unknown) => (failed.value = protocolFailureOf(e).message),
    );
  return (
    <p class="sub" data-testid="name-hint">
      <span>{i18n.t('contacts.pageHint')}</span>{' '}
      <button type="button" class="link" onClick={() => void confirm()}>
        {i18n.t('contacts.confirm', { name: resolved.name })}
      </button>
      {failed.value && <span role="alert"> {failed.value}</span>}
    </p>
  );
}
