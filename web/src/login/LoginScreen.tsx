// Login with a login name and a password. Says why the user is here (session expired, logged
// out), and counts down a lock.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { messageFor } from '../i18n/errors';
import { login, loginNotice } from '../session/session';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { AuthLayout } from './AuthLayout';
import { BlockedNotice } from './Blocked';
import { blockedSeconds } from './blocked';
import { handleLock } from './refusal';

export function LoginScreen() {
  const name = useSignal('');
  const password = useSignal('');
  const action = useAction();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  const notice = loginNotice.value;
  const isBlocked = blockedSeconds.value > 0;

  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(() => login(name.value.trim(), password.value));
    if (!ok) {
      password.value = '';
      if (handleLock(action.error.value)) action.clear();
    }
  };

  return (
    <AuthLayout title={t('login.title')} testid="login">
      {notice && (
        <p class={notice === 'logged_out' ? 'notice' : 'notice warn'} role="status" data-testid="login-notice">
          {notice === 'logged_out' ? t('login.loggedOut') : messageFor(notice)}
        </p>
      )}
      <form class="stack" onSubmit={(e) => void submit(e)} data-testid="login-form" noValidate>
        <label class="field">
          <span>{t('login.login')}</span>
          <input
            ref={first} name="username" autocomplete="username" required dir="ltr" spellcheck={false}
            autocapitalize="none" value={name.value} data-testid="login-login"
            onInput={(e) => { name.value = e.currentTarget.value; }}
          />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input
            type="password" name="password" autocomplete="current-password" required dir="ltr"
            value={password.value} data-testid="login-password"
            onInput={(e) => { password.value = e.currentTarget.value; }}
          />
        </label>
        <ErrorText error={action.error.value} testid="login-error" />
        <BlockedNotice />
        <button type="submit" class="primary" data-testid="login-submit"
          disabled={action.busy.value || isBlocked || !name.value.trim() || !password.value}>
          {action.busy.value ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
