// The panel's header: who is logged in, their state (with the pause reason and the wrap-up
// countdown), the desk phone's registration, the state controls, the language and logout.
import type { User } from '../api/types';
import { Brand } from '../ui/Brand';
import { SessionControls } from '../ui/SessionControls';
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
        <SessionControls />
      </div>
      <div class="statusbar">
        {p ? <AgentStatus /> : <div class="agent-status" />}
        {p && <StateControls who={who} />}
      </div>
    </header>
  );
}
