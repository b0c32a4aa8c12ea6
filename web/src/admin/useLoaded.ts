// A list read from the server for the screen: the latest answer, the refusal if any, and a way
// to read it again after a change. An answer that comes back after the place changed is dropped.
import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

export interface Loaded<T> {
  data: Signal<T | null>;
  error: Signal<unknown>;
  reload: () => void;
}

export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const data = useSignal<T | null>(null);
  const error = useSignal<unknown>(null);
  const version = useSignal(0);
  const v = version.value;
  useEffect(() => {
    let current = true;
    error.value = null;
    load().then((d) => { if (current) data.value = d; }, (e: unknown) => { if (current) error.value = e; });
    return () => { current = false; };
  }, [key, v]);
  return { data, error, reload: () => { version.value += 1; } };
}
