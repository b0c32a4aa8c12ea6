// The end of a logged-in screen's top bar: the language and logout (the panel, the administration).
import { t } from '../i18n/i18n';
import { logout } from '../session/session';
import { LanguagePicker } from './LanguagePicker';

export function SessionControls() {
  return (
    <div class="topbar-end">
      <LanguagePicker />
      <button type="button" class="secondary" onClick={() => void logout()} data-testid="logout">{t('common.logout')}</button>
    </div>
  );
}
