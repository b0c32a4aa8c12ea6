// The agent panel: header with the agent's state, the call area (screen pop, controls, wrap-up)
// and, beside it, the queues, click-to-call and pending callbacks. Everything shown comes from
// the latest live snapshot.
import { useEffect } from 'preact/hooks';
import type { User } from '../api/types';
import { t } from '../i18n/i18n';
import { messageFor } from '../i18n/errors';
import { CallArea } from './call/CallArea';
import { Callbacks } from './Callbacks';
import { ClickToCall } from './ClickToCall';
import { PanelHeader } from './PanelHeader';
import { Queues } from './Queues';
import { LiveBanner } from './LiveBanner';
import { followPanel, liveError, panel } from './store';

export interface Who {
  tenant: string;
  agentId: string;
}

export function AgentPanel({ user }: { user: User & { tenant: string; agentId: string } }) {
  const who: Who = { tenant: user.tenant, agentId: user.agentId };
  useEffect(() => followPanel(who.tenant, who.agentId), [who.tenant, who.agentId]);
  const p = panel.value;
  // A ringing call shows in the browser tab's title too (the panel may be behind another window).
  const ringing = p?.call?.state === 'ringing';
  const title = ringing ? `${t('callState.ringing')} — ${t('app.title')}` : t('app.title');
  useEffect(() => {
    document.title = title;
    return () => { document.title = t('app.title'); };
  }, [title]);
  return (
    <div class="panel-page" data-testid="agent-panel">
      <LiveBanner />
      <PanelHeader who={who} user={user} />
      {!p ? (
        <main class="panel-loading">
          {liveError.value ? <p class="error" role="alert">{messageFor(liveError.value)}</p> : <p role="status">{t('common.loading')}</p>}
        </main>
      ) : (
        <main class="panel-grid">
          <CallArea who={who} />
          <aside class="panel-side" aria-label={t('panel.sideLabel')}>
            <Queues />
            <ClickToCall who={who} />
            <Callbacks />
          </aside>
        </main>
      )}
    </div>
  );
}
