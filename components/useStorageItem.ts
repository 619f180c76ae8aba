import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

/** A storage item (lib/storage.ts) as a signal that follows its changes while the component is mounted. */
export function useStorageItem<T>(item: {
  fallback: T;
  getValue(): Promise<T>;
  watch(cb: (v: T | null) => void): () => void;
}): Signal<T> {
  const value = useSignal<T>(item.fallback);
  useEffect(() => {
    void item.getValue().then((v) => (value.value = v));
    return item.watch((v) => (value.value = v ?? item.fallback));
  }, []);
  return value;
}
