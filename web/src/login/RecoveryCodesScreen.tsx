// The ten recovery codes, shown once after the enrolment is confirmed; the user must say they
// saved them before going on.
import { useSignal } from '@preact/signals';
import { t } from '../i18n/i18n';
import { recoveryCodes, recoveryCodesSaved } from '../session/session';
import { CopyButton } from '../ui/CopyButton';
import { AuthLayout } from './AuthLayout';

export function RecoveryCodesScreen() {
  const saved = useSignal(false);
  const codes = recoveryCodes.value ?? [];
  return (
    <AuthLayout title={t('recovery.title')} testid="recovery">
      <p>{t('recovery.intro')}</p>
      <ol class="recovery-codes" dir="ltr" data-testid="recovery-codes">
        {codes.map((c) => <li key={c}><code data-testid="recovery-code">{c}</code></li>)}
      </ol>
      <CopyButton text={codes.join('\n')} label={t('recovery.copy')} testid="recovery-copy" />
      <label class="check">
        <input type="checkbox" checked={saved.value} data-testid="recovery-saved"
          onChange={(e) => { saved.value = e.currentTarget.checked; }} />
        <span>{t('recovery.saved')}</span>
      </label>
      <button type="button" class="primary" disabled={!saved.value} onClick={recoveryCodesSaved} data-testid="recovery-continue">
        {t('recovery.continue')}
      </button>
    </AuthLayout>
  );
}
