// Roles other than agent: their screens (wallboard, admin, extranet) come later.
import type { User } from '../api/types';
import { t } from '../i18n/i18n';
import { logout } from '../session/session';
import { Brand } from '../ui/Brand';
import { LanguagePicker } from '../ui/LanguagePicker';

export function ComingSoon({ user }: { user: User }) {
  return (
    <div class="auth">
      <header class="auth-top">
        <Brand />
        <LanguagePicker />
      </header>
      <main class="auth-card" data-testid="coming-soon" aria-labelledby="soon-title">
        <h1 id="soon-title">{t('soon.title')}</h1>
        <p>{t('soon.hello', { name: user.name })}</p>
        <p>{t('soon.role')} <strong data-testid="coming-soon-role" data-role={user.role}>{t(`roles.${user.role}`)}</strong></p>
        <p>{t('soon.body')}</p>
        <button type="button" class="secondary" onClick={() => void logout()} data-testid="logout">{t('common.logout')}</button>
      </main>
    </div>
  );
}
