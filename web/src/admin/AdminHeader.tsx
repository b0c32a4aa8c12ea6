// The administration screen's header, like the panel's: the brand, who is logged in and their
// role, the language and logout.
import type { User } from '../api/types';
import { t } from '../i18n/i18n';
import { Brand } from '../ui/Brand';
import { SessionControls } from '../ui/SessionControls';

export function AdminHeader({ user }: { user: User }) {
  return (
    <header class="panel-header">
      <div class="topbar">
        <Brand />
        <div class="who">
          <span class="agent-name" data-testid="admin-user-name">{user.name}</span>
          <span class="muted">{t(`roles.${user.role}`)}</span>
        </div>
        <SessionControls />
      </div>
    </header>
  );
}
