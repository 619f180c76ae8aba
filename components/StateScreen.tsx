// A full-panel message for states where the inbox cannot be shown (signed out, feature unavailable, …).
import type { ComponentChildren } from 'preact';

export interface StateScreenProps {
  title: string;
  children?: ComponentChildren;
  actions?: ComponentChildren;
  testId: string;
}

export function StateScreen({ title, children, actions, testId }: StateScreenProps) {
  return (
    <section class="state-screen" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
      {actions && <div class="state-actions">{actions}</div>}
    </section>
  );
}
