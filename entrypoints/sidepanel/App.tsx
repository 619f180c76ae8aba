// The side panel: a state screen when the inbox cannot work, else the inbox, a thread or a new conversation.
import { i18n } from '#i18n';
import { useEffect } from 'preact/hooks';
import { openThreadFor } from '@/lib/threads/rules';
import { ConnectionBanner } from './ConnectionBanner';
import { Inbox } from './Inbox';
import { NewConversation } from './NewConversation';
import { useServices } from './services';
import { TeamView } from './TeamView';
import {
  FeatureUnavailableScreen,
  LoadingAccountScreen,
  NotHandlerScreen,
  SignedOutScreen,
} from './StateScreens';
import { SyncHealthNotice } from './SyncHealthNotice';
import { ThreadView } from './ThreadView';

export function App() {
  const { settings } = useServices();
  usePanelFocus();
  if (!settings.ready.value) return null;
  const auth = settings.auth.value;
  const caps = settings.capabilities.value;
  let body;
  if (auth.state !== 'signedIn') body = <SignedOutScreen />;
  else if (!caps) body = <LoadingAccountScreen />;
  else if (!caps.feature.available) body = <FeatureUnavailableScreen feature={caps.feature} />;
  else if (caps.resources.length === 0) body = <NotHandlerScreen />;
  else body = <Main />;
  return (
    <div class="panel">
      <h1 class="visually-hidden">{i18n.t('extName')}</h1>
      {body}
    </div>
  );
}

function Main() {
  const { route } = useServices();
  const r = route.value;
  return (
    <>
      <ConnectionBanner />
      <SyncHealthNotice />
      {r.name === 'thread' ? (
        <ThreadView key={r.threadId} threadId={r.threadId} />
      ) : r.name === 'team' ? (
        <TeamView />
      ) : r.name === 'new' ? (
        <NewConversation
          key={`${r.phone ?? ''}>${r.sharedNumber ?? ''}`}
          phone={r.phone}
          sharedNumber={r.sharedNumber}
        />
      ) : (
        <Inbox />
      )}
    </>
  );
}

/** A CRM chip or a notification asked for a thread or a number: go there once the store is read. */
function usePanelFocus() {
  const { settings, store, navigate } = useServices();
  const focus = settings.panelFocus.value;
  const loaded = store.complete.value;
  useEffect(() => {
    if (!focus || !loaded) return;
    if (focus.threadId) {
      navigate({ name: 'thread', threadId: focus.threadId });
    } else if (focus.phone) {
      const open = openThreadFor(store.threads.value, focus.phone, focus.sharedNumber);
      navigate(
        open
          ? { name: 'thread', threadId: open.id }
          : { name: 'new', phone: focus.phone, sharedNumber: focus.sharedNumber },
      );
    }
    void settings.clearPanelFocus();
  }, [focus?.nonce, loaded]);
}
