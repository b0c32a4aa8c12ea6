// A button's request: busy while it runs (the button is disabled meanwhile), and the refusal,
// if any, kept to be shown next to the control. What the action changed arrives with the next
// live snapshot; nothing is guessed here.
import { useSignal, type Signal } from '@preact/signals';

export interface Action {
  busy: Signal<boolean>;
  error: Signal<unknown>;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): Action {
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    if (busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      await fn();
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      busy.value = false;
    }
  };
  return { busy, error, run, clear: () => { error.value = null; } };
}
