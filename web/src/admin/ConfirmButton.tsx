// A button whose action cannot be undone (disable, a reset, a revocation): the first click asks,
// the second does it; "Cancel" or Escape steps back. The refusal, if any, shows beside it.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';

export interface ConfirmButtonProps {
  label: string;
  question: string;
  testid: string;
  run: () => Promise<unknown>;
  onDone?: () => void;
}

export function ConfirmButton({ label, question, testid, run, onDone }: ConfirmButtonProps) {
  const asking = useSignal(false);
  const action = useAction();
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const open = asking.value;
  // Asked: the focus goes to "yes" (Enter confirms, Escape steps back); back: to the button again.
  useEffect(() => {
    if (open) yes.current?.focus();
    else if (wasOpen.current) ask.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const confirm = async () => {
    if (await action.run(run)) {
      asking.value = false;
      onDone?.();
    }
  };
  return (
    <div class="confirm" onKeyDown={(e) => { if (e.key === 'Escape') asking.value = false; }}>
      {!asking.value ? (
        <button type="button" class="secondary" ref={ask} data-testid={testid} onClick={() => { action.clear(); asking.value = true; }}>{label}</button>
      ) : (
        <div class="confirm-ask" role="group" aria-label={question}>
          <span class="confirm-question">{question}</span>
          <button type="button" class="danger" data-testid={`${testid}-confirm`} disabled={action.busy.value}
            ref={yes} onClick={() => void confirm()}>{t('admin.confirm.yes')}</button>
          <button type="button" class="secondary" data-testid={`${testid}-cancel`} onClick={() => { asking.value = false; }}>{t('admin.confirm.no')}</button>
        </div>
      )}
      <ErrorText error={action.error.value} testid={`${testid}-error`} />
    </div>
  );
}
