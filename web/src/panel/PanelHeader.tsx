// The panel's header: who is logged in, their state (with the pause reason and the wrap-up
// countdown), the desk phone's registration, the state controls, the language and logout.
import type { User } from '../api/types';
import { t } from '../i18n/i18n';
import { logout } from '../session/session';
import { Brand } from '../ui/Brand';
import { LanguagePicker } from '../ui/LanguagePicker';
import { Ltr } from '../ui/bidi';
import type { Who } from './AgentPanel';
import { AgentStatus } from './AgentStatus';
import { StateControls } from './StateControls';
import { panel } from './store';

export function PanelHeader({ who, user }: { who: Who; user: User }) {
  const p = panel.value;
  return (
    <header class="panel-header">
      <div class="topbar">
        <Brand />
        <div class="who">
          <span class="agent-name" data-testid="agent-name">{p?.agent.name ?? user.name}</span>
          {p && <Ltr class="muted">{p.agent.login}</Ltr>}
        </div>
        <div class="topbar-end">
          <LanguagePicker />
          <button type="button" class="secondary" onClick={() => void logout()} data-testid="logout">{t('common.logout')}</button>
        </div>
      </div>
      <div class="statusbar">
        {p ? <AgentStatus /> : <div class="agent-status" />}
        {p && <StateControls who={who} />}
      </div>
    </header>
  );
}
