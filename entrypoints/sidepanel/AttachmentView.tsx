// An MMS attachment: fetched by the background (it holds the token) and shown from the returned data URL,
// never from RingCentral's contentUri. Images preview inline; other files download on request.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Attachment } from '@/lib/rc/schemas';
import { useServices } from './services';

// Data URLs fetched in this panel session, so scrolling back does not fetch again.
const cache = new Map<string, string>();

function formatSize(bytes: number): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024)));
}

export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { send } = useServices();
  const url = useSignal(cache.get(attachment.contentUri));
  const failed = useSignal(false);
  const isImage = attachment.contentType.startsWith('image/');
  const name = attachment.filename ?? i18n.t('attachment.unnamed');

  async function load(): Promise<string | undefined> {
    if (url.value) return url.value;
    failed.value = false;
    try {
      const reply = await send('fetchAttachment', { uri: attachment.contentUri });
      if (!reply.dataUrl.startsWith('data:')) throw new Error('not a data URL');
      cache.set(attachment.contentUri, reply.dataUrl);
      url.value = reply.dataUrl;
      return reply.dataUrl;
    } catch {
      failed.value = true;
      return undefined;
    }
  }

  useEffect(() => {
    if (isImage) void load();
  }, [attachment.contentUri]);

  async function download() {
    const dataUrl = await load();
    if (!dataUrl) return;
    const a = document.createElement('a');
    a.href = dataUrl;
    a.download = name;
    a.click();
  }

  if (isImage && url.value) {
    return (
      <img class="attachment-image" src={url.value} alt={attachment.filename ?? i18n.t('attachment.image')} />
    );
  }
  return (
    <div class="attachment" data-testid="attachment">
      {failed.value && (
        <span role="alert" class="error">
          {i18n.t('attachment.failed')}{' '}
        </span>
      )}
      {isImage && !failed.value ? (
        <span role="status">{i18n.t('attachment.loading')}</span>
      ) : (
        <button type="button" class="link" onClick={() => void download()}>
          {i18n.t('attachment.download', { name, size: formatSize(attachment.size) })}
        </button>
      )}
    </div>
  );
}
