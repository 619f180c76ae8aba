// Creates the composer model of one thread (or new conversation) for the component's lifetime.
import { computed, type ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { verifiedName } from '@/lib/contacts/names';
import type { MessageThread } from '@/lib/rc/schemas';
import { createComposerModel, type ComposerModel } from '@/lib/ui/composer-model';
import { useServices } from './services';

export interface ComposerTarget {
  draftKey: string;
  thread: ReadonlySignal<MessageThread | undefined>;
  from: string;
  to: string;
  optedOut: ReadonlySignal<boolean>;
  lastInboundAt: ReadonlySignal<string | undefined>;
}

export function useThreadComposer(target: ComposerTarget): ComposerModel {
  const { settings, send } = useServices();
  const [model] = useState(() =>
    createComposerModel({
      ...target,
      me: settings.me,
      agentName: computed(() => settings.capabilities.value?.me.name ?? settings.auth.value.user?.name),
      // Merge fields take only names that are fact (the agent's or the CRM's), never a page hint.
      customerName: computed(() => verifiedName(settings.contacts.value, target.to)),
      initialDraft: settings.drafts.value[target.draftKey] ?? '',
      saveDraft: settings.setDraft,
      send,
    }),
  );
  useEffect(() => {
    // The panel may close at any moment: save the draft when the page is hidden.
    const onHide = () => void model.flush();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      model.dispose();
    };
  }, [model]);
  return model;
}
