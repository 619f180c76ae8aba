// Quick replies: name and text with merge fields; saved as the agent leaves each field.
import { i18n } from '#i18n';
import { MAX_TEXT_LENGTH } from '@/lib/sms/segments';
import { MERGE_FIELDS, unknownFields } from '@/lib/sms/templates';
import type { Template } from '@/lib/storage';
import { useOptions } from './services';

const newId = () => globalThis.crypto?.randomUUID?.() ?? `t${Date.now().toString(36)}`;

export function TemplatesSection() {
  const { settings } = useOptions();
  const list = settings.templates.value;
  const save = (next: Template[]) => void settings.setTemplates(next);
  const update = (id: string, patch: Partial<Template>) =>
    save(list.map((t) => (t.id === id ? { ...t, ...patch } : t)));

  return (
    <section aria-labelledby="templates-title" data-testid="options-templates">
      <h2 id="templates-title">{i18n.t('options.templates.title')}</h2>
      <p class="hint">
        {i18n.t('options.templates.fields', { fields: MERGE_FIELDS.map((f) => `{${f}}`).join(' ') })}
      </p>
      <ul class="templates">
        {list.map((t, i) => {
          const unknown = unknownFields(t.text);
          return (
            <li key={t.id}>
              <label>
                <span>{i18n.t('options.templates.name', { n: i + 1 })}</span>
                <input
                  value={t.name}
                  maxLength={60}
                  onChange={(e) =>
                    update(t.id, { name: (e.currentTarget as HTMLInputElement).value.trim() || t.name })
                  }
                />
              </label>
              <label>
                <span>{i18n.t('options.templates.text', { n: i + 1 })}</span>
                <textarea
                  rows={2}
                  maxLength={MAX_TEXT_LENGTH}
                  value={t.text}
                  onChange={(e) => {
                    const text = (e.currentTarget as HTMLTextAreaElement).value;
                    if (text.trim()) update(t.id, { text });
                  }}
                />
              </label>
              {unknown.length > 0 && (
                <p class="error">
                  {i18n.t('options.templates.unknown', { fields: unknown.map((f) => `{${f}}`).join(' ') })}
                </p>
              )}
              <button
                type="button"
                aria-label={i18n.t('options.templates.deleteLabel', { name: t.name })}
                onClick={() => save(list.filter((x) => x.id !== t.id))}
              >
                {i18n.t('common.delete')}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() =>
          save([
            ...list,
            {
              id: newId(),
              name: i18n.t('options.templates.newName'),
              text: i18n.t('options.templates.newText', { firstName: '{firstName}' }),
            },
          ])
        }
      >
        {i18n.t('options.templates.add')}
      </button>
    </section>
  );
}
