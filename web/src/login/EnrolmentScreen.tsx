// Enrolment of the second factor (the role requires one): the secret in groups of four and the
// otpauth URI as text to copy (no QR code), then a code from the app to confirm. The recovery
// codes the confirmation returns are shown next by RecoveryCodesScreen.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Enrolment } from '../api/types';
import { groups } from '../format/format';
import { t } from '../i18n/i18n';
import { confirmEnrolment, logout, startEnrolment } from '../session/session';
import { useAction } from '../ui/action';
import { CopyButton } from '../ui/CopyButton';
import { ErrorText } from '../ui/ErrorText';
import { AuthLayout } from './AuthLayout';
import { digitsOnly } from './SecondFactorScreen';

export function EnrolmentScreen() {
  const enrolment = useSignal<Enrolment | null>(null);
  const code = useSignal('');
  const load = useAction();
  const confirm = useAction();
  const begin = () => void load.run(async () => { enrolment.value = await startEnrolment(); });
  useEffect(begin, []);
  const e = enrolment.value;

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!(await confirm.run(() => confirmEnrolment(code.value)))) code.value = '';
  };

  return (
    <AuthLayout title={t('enrol.title')} testid="enrolment">
      <p>{t('enrol.intro')}</p>
      {!e && load.busy.value && <p role="status">{t('enrol.loading')}</p>}
      {!e && load.error.value !== null && (
        <div class="stack">
          <ErrorText error={load.error.value} testid="enrol-load-error" />
          <button type="button" class="secondary" onClick={begin}>{t('common.retry')}</button>
        </div>
      )}
      {e && (
        <form class="stack" onSubmit={(ev) => void submit(ev)} noValidate>
          <ol class="steps">
            <li>
              <p>{t('enrol.stepSecret')}</p>
              <p class="secret" dir="ltr"><code data-testid="enrol-secret">{groups(e.secret)}</code></p>
              <CopyButton text={e.secret} label={t('enrol.copySecret')} testid="enrol-copy-secret" />
            </li>
            <li>
              <label class="field">
                <span>{t('enrol.stepUri')}</span>
                <textarea readOnly rows={3} dir="ltr" class="uri" data-testid="enrol-uri" value={e.otpauthUri}
                  onFocus={(ev) => ev.currentTarget.select()} />
              </label>
              <CopyButton text={e.otpauthUri} label={t('enrol.copyUri')} testid="enrol-copy-uri" />
            </li>
            <li>
              <label class="field">
                <span>{t('enrol.stepCode')}</span>
                <input class="code-input" inputMode="numeric" autocomplete="one-time-code" dir="ltr" maxLength={6}
                  value={code.value} data-testid="enrol-code"
                  onInput={(ev) => { code.value = digitsOnly(ev.currentTarget.value).slice(0, 6); ev.currentTarget.value = code.value; }} />
              </label>
            </li>
          </ol>
          <ErrorText error={confirm.error.value} testid="enrol-error" />
          <button type="submit" class="primary" disabled={confirm.busy.value || code.value.length !== 6} data-testid="enrol-submit">
            {t('enrol.confirm')}
          </button>
        </form>
      )}
      <div class="row end">
        <button type="button" class="link" onClick={() => void logout()} data-testid="enrol-cancel">{t('secondFactor.cancel')}</button>
      </div>
    </AuthLayout>
  );
}
