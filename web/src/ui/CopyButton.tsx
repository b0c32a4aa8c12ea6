// Copies a text (the otpauth URI, the recovery codes) and says so for two seconds. Falls back to
// selecting a hidden field and execCommand where the Clipboard API is unavailable.
import { useSignal } from '@preact/signals';
import { t } from '../i18n/i18n';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label, testid }: { text: string; label: string; testid: string }) {
  const state = useSignal<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span class="copy">
      <button type="button" class="secondary" data-testid={testid} onClick={() => {
        void copy(text).then((ok) => {
          state.value = ok ? 'copied' : 'failed';
          setTimeout(() => { state.value = 'idle'; }, 2000);
        });
      }}>{label}</button>
      <span role="status" class="copy-status">
        {state.value === 'copied' ? t('common.copied') : state.value === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
