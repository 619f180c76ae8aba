// The reply box. When I may not send, the reason comes first with the one action that fixes it.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useId, useRef } from 'preact/hooks';
import { protocolFailureOf } from '@/lib/messaging';
import { describeChar, MAX_TEXT_LENGTH } from '@/lib/sms/segments';
import type { ComposerModel } from '@/lib/ui/composer-model';
import { useServices } from './services';

export interface ComposerProps {
  model: ComposerModel;
  customer: string;
  /** Assign the thread to me (unassigned, or taking it over). */
  onTake?: () => Promise<void>;
  /** Start a new thread with the same pair after this one was resolved. */
  onStartNew?: () => void;
}

const ACCEPT = 'image/*,audio/*,video/*,application/pdf,text/vcard,text/x-vcard,text/plain';

export function Composer({ model, customer, onTake, onStartNew }: ComposerProps) {
  const { settings } = useServices();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const taking = useSignal(false);
  const takeError = useSignal<string | undefined>(undefined);
  const blocked = model.blocked.value;
  const seg = model.segments.value;
  const review = model.review.value;
  const error = model.error.value;
  const templates = settings.templates.value;

  async function take() {
    if (!onTake) return;
    taking.value = true;
    takeError.value = undefined;
    try {
      await onTake();
    } catch (e) {
      takeError.value = protocolFailureOf(e).message;
    } finally {
      taking.value = false;
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void model.submit();
    }
  }

  const blockedText = blocked && blockedMessage(blocked.reason, blocked.name, customer);
  return (
    <section class="composer" aria-label={i18n.t('composer.label')} data-testid="composer">
      {blocked && (
        <div
          class="composer-blocked"
          id={`${id}-blocked`}
          data-testid="composer-blocked"
          data-reason={blocked.reason}
        >
          <p>{blockedText}</p>
          {(blocked.reason === 'unassigned' || blocked.reason === 'other' || blocked.reason === 'tookOver') &&
            onTake && (
              <button type="button" class="primary" disabled={taking.value} onClick={() => void take()}>
                {blocked.reason === 'unassigned'
                  ? i18n.t('composer.assignToMe')
                  : i18n.t('composer.takeOver')}
              </button>
            )}
          {blocked.reason === 'resolved' && onStartNew && (
            <button type="button" class="primary" onClick={onStartNew}>
              {i18n.t('composer.startNew')}
            </button>
          )}
          {takeError.value && (
            <p role="alert" class="error">
              {takeError.value}
            </p>
          )}
        </div>
      )}
      {review && (
        <p role="alert" class="review" data-testid="composer-review">
          {review.kind === 'newInbound'
            ? i18n.t('composer.review.newInbound')
            : i18n.t('composer.review.assignee', { name: review.name ?? i18n.t('timeline.someone') })}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.submit();
        }}
      >
        <label for={`${id}-text`} class="visually-hidden">
          {i18n.t('composer.message')}
        </label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={model.text.value}
          disabled={!!blocked}
          aria-describedby={`${id}-counter${blocked ? ` ${id}-blocked` : ''}`}
          aria-invalid={seg.overLimit}
          placeholder={blocked ? '' : i18n.t('composer.placeholder')}
          onInput={(e) => model.setText((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={onKeyDown}
          data-testid="composer-text"
        />
        {model.attachments.value.length > 0 && (
          <ul class="pending-attachments" aria-label={i18n.t('composer.attachments')}>
            {model.attachments.value.map((a, i) => (
              <li key={`${a.name}-${i}`}>
                {a.type.startsWith('image/') ? <img src={a.dataUrl} alt="" class="thumb" /> : <span>📎</span>}
                <span>{a.name}</span>
                <button
                  type="button"
                  class="link"
                  aria-label={i18n.t('composer.removeAttachment', { name: a.name })}
                  onClick={() => model.removeAttachment(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="composer-meta" id={`${id}-counter`} data-testid="segment-counter">
          <span role={seg.overLimit ? 'alert' : undefined}>
            {seg.overLimit
              ? i18n.t('composer.overLimit', { length: seg.length, max: MAX_TEXT_LENGTH })
              : i18n.t('composer.segments', seg.segments, {
                  segments: seg.segments,
                  remaining: seg.remaining,
                })}
          </span>
          {seg.ucs2Char && (
            <span class="ucs2" data-testid="ucs2-char">
              {' · '}
              {i18n.t('composer.ucs2', { char: describeChar(seg.ucs2Char) })}
            </span>
          )}
        </div>
        {model.missingFields.value.length > 0 && (
          <p class="hint" role="status">
            {i18n.t('composer.missingFields', {
              fields: model.missingFields.value.map((f) => `{${f}}`).join(', '),
            })}
          </p>
        )}
        {error && (
          <p role="alert" class="error" data-testid="composer-error">
            {error.kind === 'send'
              ? error.message
              : error.kind === 'fileSize'
                ? i18n.t('composer.fileTooBig', { name: error.name })
                : i18n.t('composer.fileType', { name: error.name })}
          </p>
        )}
        <div class="composer-actions">
          {templates.length > 0 && (
            <select
              aria-label={i18n.t('composer.insertTemplate')}
              disabled={!!blocked}
              value=""
              onChange={(e) => {
                const select = e.currentTarget as HTMLSelectElement;
                const t = templates.find((x) => x.id === select.value);
                select.value = '';
                if (t) model.insertTemplate(t);
              }}
            >
              <option value="">{i18n.t('composer.templates')}</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
          <input
            ref={fileRef}
            type="file"
            multiple
            accept={ACCEPT}
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void model.addFiles([...(input.files ?? [])]).then(() => (input.value = ''));
            }}
          />
          {settings.offers('mmsSend') ? (
            <button type="button" disabled={!!blocked} onClick={() => fileRef.current?.click()}>
              {i18n.t('composer.attach')}
            </button>
          ) : (
            <span class="sub" data-testid="mms-unavailable">
              {i18n.t('composer.attachUnavailable')}
            </span>
          )}
          <span class="spacer" />
          <button
            type="submit"
            class="primary"
            disabled={!model.canSend.value}
            aria-busy={model.sending.value}
            data-testid="send"
          >
            {i18n.t('composer.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function blockedMessage(reason: string, name: string | undefined, customer: string): string {
  const who = name ?? i18n.t('timeline.someone');
  switch (reason) {
    case 'resolved':
      return i18n.t('composer.blocked.resolved');
    case 'deleted':
      return i18n.t('composer.blocked.deleted');
    case 'optedOut':
      return i18n.t('composer.blocked.optedOut', { name: customer });
    case 'unassigned':
      return i18n.t('composer.blocked.unassigned');
    case 'tookOver':
      return i18n.t('composer.blocked.tookOver', { name: who });
    default:
      return i18n.t('composer.blocked.other', { name: who });
  }
}
