// The second factor after the password: the 6-digit code of the authenticator app, or one of
// the recovery codes. "Cancel" ends the half-open session.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { logout, secondFactor } from '../session/session';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { AuthLayout } from './AuthLayout';
import { BlockedNotice } from './Blocked';
import { blockedSeconds } from './blocked';
import { handleLock } from './refusal';

export const digitsOnly = (s: string): string => s.replace(/\D/g, '');

export function SecondFactorScreen() {
  const mode = useSignal<'code' | 'recovery'>('code');
  const code = useSignal('');
  const recovery = useSignal('');
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { input.current?.focus(); }, [mode.value]);
  const isBlocked = blockedSeconds.value > 0;
  const ready = mode.value === 'code' ? code.value.length === 6 : recovery.value.trim().length >= 10;

  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(() => secondFactor(mode.value === 'code' ? { code: code.value } : { recoveryCode: recovery.value.trim() }));
    if (!ok) {
      code.value = '';
      if (handleLock(action.error.value)) action.clear();
      input.current?.focus();
    }
  };
  const switchMode = () => {
    mode.value = mode.value === 'code' ? 'recovery' : 'code';
    action.clear();
  };

  return (
    <AuthLayout title={t('secondFactor.title')} testid="second-factor">
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {mode.value === 'code' ? (
          <label class="field">
            <span>{t('secondFactor.codeLabel')}</span>
            <input
              ref={input} class="code-input" inputMode="numeric" autocomplete="one-time-code" dir="ltr"
              maxLength={6} pattern="[0-9]{6}" value={code.value} data-testid="second-factor-code"
              onInput={(e) => { code.value = digitsOnly(e.currentTarget.value).slice(0, 6); e.currentTarget.value = code.value; }}
            />
          </label>
        ) : (
          <label class="field">
            <span>{t('secondFactor.recoveryLabel')}</span>
            <input
              ref={input} class="code-input" autocomplete="off" dir="ltr" spellcheck={false} autocapitalize="none"
              maxLength={16} value={recovery.value} data-testid="second-factor-recovery"
              onInput={(e) => { recovery.value = e.currentTarget.value; }}
            />
          </label>
        )}
        <ErrorText error={action.error.value} testid="second-factor-error" />
        <BlockedNotice />
        <button type="submit" class="primary" disabled={action.busy.value || isBlocked || !ready} data-testid="second-factor-submit">
          {t('secondFactor.submit')}
        </button>
        <div class="row between">
          <button type="button" class="link" onClick={switchMode} data-testid="second-factor-switch">
            {mode.value === 'code' ? t('secondFactor.useRecovery') : t('secondFactor.useCode')}
          </button>
          <button type="button" class="link" onClick={() => void logout()} data-testid="second-factor-cancel">
            {t('secondFactor.cancel')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
