// Response-time targets per resource: minutes to the first reply and to a reply after the customer's
// follow-up, optionally counted in business hours of a time zone. Validated with lib/targets' schema.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { ResponseTarget } from '@/lib/targets/targets';
import type { Resource } from '@/lib/storage';
import { useOptions } from './services';

const DAYS = [1, 2, 3, 4, 5, 6, 0];
const dayName = (d: number) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 1 + d));
const toClock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const fromClock = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? NaN) * 60 + (m ?? NaN);
};
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function TargetsSection() {
  const { settings } = useOptions();
  const resources = settings.capabilities.value?.resources ?? [];
  return (
    <section aria-labelledby="targets-title" data-testid="options-targets">
      <h2 id="targets-title">{i18n.t('options.targets.title')}</h2>
      <p class="hint">{i18n.t('options.targets.hint')}</p>
      {resources.length === 0 ? (
        <p class="hint">{i18n.t('options.resources.none')}</p>
      ) : (
        // Keyed by readiness too: the uncontrolled fields show what storage holds once it has been read.
        resources.map((r) => <TargetForm key={`${r.id}:${settings.ready.value}`} resource={r} />)
      )}
    </section>
  );
}

function TargetForm({ resource }: { resource: Resource }) {
  const { settings } = useOptions();
  const saved = ResponseTarget.safeParse(settings.responseTargets.value[resource.id] ?? {});
  const current = saved.success ? saved.data : {};
  const error = useSignal<string | undefined>(undefined);
  const status = useSignal<string | undefined>(undefined);
  const withHours = useSignal(!!current.businessHours);
  const id = (name: string) => `target-${resource.id}-${name}`;

  function onSubmit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const minutes = (name: string) => {
      const v = String(form.get(name) ?? '').trim();
      return v === '' ? undefined : Number(v);
    };
    const candidate = {
      firstReplyMinutes: minutes('first'),
      followUpMinutes: minutes('followUp'),
      businessHours: withHours.value
        ? {
            timeZone: String(form.get('timeZone') ?? '').trim(),
            start: fromClock(String(form.get('start') ?? '')),
            end: fromClock(String(form.get('end') ?? '')),
            days: DAYS.filter((d) => form.get(`day-${d}`) === 'on'),
          }
        : undefined,
    };
    const parsed = ResponseTarget.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      error.value = i18n.t('options.targets.invalid', {
        field: issue?.path.join('.') || 'target',
        reason: issue?.message ?? '',
      });
      status.value = undefined;
      return;
    }
    error.value = undefined;
    const next = { ...settings.responseTargets.value };
    const empty = !parsed.data.firstReplyMinutes && !parsed.data.followUpMinutes;
    if (empty) delete next[resource.id];
    else next[resource.id] = parsed.data;
    void settings.setResponseTargets(next).then(() => (status.value = i18n.t('options.targets.saved')));
  }

  const hours = current.businessHours;
  return (
    <form class="target-form" aria-labelledby={id('name')} onSubmit={onSubmit} data-testid="target-form">
      <h3 id={id('name')}>{resource.name}</h3>
      <label for={id('first')}>{i18n.t('options.targets.firstReply')}</label>
      <input
        id={id('first')}
        name="first"
        type="number"
        min={1}
        inputMode="numeric"
        defaultValue={String(current.firstReplyMinutes ?? '')}
      />
      <label for={id('followUp')}>{i18n.t('options.targets.followUp')}</label>
      <input
        id={id('followUp')}
        name="followUp"
        type="number"
        min={1}
        inputMode="numeric"
        defaultValue={String(current.followUpMinutes ?? '')}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={withHours.value}
          onChange={(e) => (withHours.value = (e.currentTarget as HTMLInputElement).checked)}
        />
        {i18n.t('options.targets.businessHours')}
      </label>
      {withHours.value && (
        <fieldset>
          <legend>{i18n.t('options.targets.businessHoursOf', { name: resource.name })}</legend>
          <label for={id('tz')}>{i18n.t('options.targets.timeZone')}</label>
          <input id={id('tz')} name="timeZone" type="text" defaultValue={hours?.timeZone ?? localZone()} />
          <label for={id('start')}>{i18n.t('options.targets.opens')}</label>
          <input id={id('start')} name="start" type="time" defaultValue={toClock(hours?.start ?? 9 * 60)} />
          <label for={id('end')}>{i18n.t('options.targets.closes')}</label>
          <input id={id('end')} name="end" type="time" defaultValue={toClock(hours?.end ?? 17 * 60)} />
          <div class="days" role="group" aria-label={i18n.t('options.targets.days')}>
            {DAYS.map((d) => (
              <label key={d} class="check">
                <input
                  type="checkbox"
                  name={`day-${d}`}
                  defaultChecked={hours ? hours.days.includes(d) : d >= 1 && d <= 5}
                />
                {dayName(d)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <button type="submit">{i18n.t('common.save')}</button>
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
      {status.value && <p role="status">{status.value}</p>}
    </form>
  );
}
