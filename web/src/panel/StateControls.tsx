// Changing the agent's own state: log in to the queues, become available, pause with a reason,
// log out of the queues. During a call the server applies a change when the wrap-up ends.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { postState } from '../api/agent';
import type { StateAction } from '../api/types';
import { t } from '../i18n/i18n';
import { pick } from '../i18n/labels';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import type { Who } from './AgentPanel';
import { panel } from './store';

export function StateControls({ who }: { who: Who }) {
  const action = useAction();
  const reason = useSignal('');
  const p = panel.value;
  const current = p?.agent.state;
  // A refusal is about the state it was made in: it goes once the state changes.
  useEffect(() => { action.clear(); }, [current]);
  if (!p) return null;
  const { state } = p.agent;
  const send = (a: StateAction) => void action.run(() => postState(who.tenant, who.agentId, a));
  const busy = action.busy.value;
  const chosen = reason.value || p.pauseReasons[0]?.code || '';

  return (
    <div class="state-controls">
      <div class="row wrap">
        {state === 'logged_out' ? (
          <button type="button" class="primary" disabled={busy} onClick={() => send({ action: 'login' })} data-testid="state-login">
            {t('stateAction.login')}
          </button>
        ) : (
          <>
            {state === 'paused' && (
              <button type="button" class="primary" disabled={busy} onClick={() => send({ action: 'unpause' })} data-testid="state-available">
                {t('stateAction.available')}
              </button>
            )}
            {p.pauseReasons.length > 0 && state !== 'paused' && (
              <form class="row pause-form" onSubmit={(e) => { e.preventDefault(); send({ action: 'pause', reason: chosen }); }}>
                <label class="visually-hidden" for="pause-reason">{t('stateAction.pauseReason')}</label>
                <select id="pause-reason" value={chosen} disabled={busy} data-testid="pause-reason"
                  onChange={(e) => { reason.value = e.currentTarget.value; }}>
                  {p.pauseReasons.map((r) => <option key={r.code} value={r.code}>{pick(r.label)}</option>)}
                </select>
                <button type="submit" class="secondary" disabled={busy || !chosen} data-testid="state-pause">{t('stateAction.pause')}</button>
              </form>
            )}
            <button type="button" class="secondary" disabled={busy} onClick={() => send({ action: 'logout' })} data-testid="state-logout">
              {t('stateAction.logout')}
            </button>
          </>
        )}
      </div>
      <ErrorText error={action.error.value} testid="state-error" />
    </div>
  );
}
