// Applies the chosen theme to a page as data-theme="light|dark"; "system" follows the OS and its changes.
import { effect, type ReadonlySignal } from '@preact/signals';
import type { Theme } from '../storage';

export function bindTheme(theme: ReadonlySignal<Theme>, root: HTMLElement = document.documentElement) {
  const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    const chosen = theme.value;
    root.dataset.theme = chosen === 'system' ? (query?.matches ? 'dark' : 'light') : chosen;
  };
  const stop = effect(apply);
  query?.addEventListener?.('change', apply);
  return () => {
    stop();
    query?.removeEventListener?.('change', apply);
  };
}
