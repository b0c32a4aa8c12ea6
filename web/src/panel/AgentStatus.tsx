// The agent's state as a badge, the pause reason, the wrap-up countdown and the phone's
// registration.
import { secondsUntil } from '../format/clock';
import { t } from '../i18n/i18n';
import { pick } from '../i18n/labels';
import { Duration } from '../ui/bidi';
import { T } from '../i18n/T';
import { panel } from './store';

export function AgentStatus() {
  const p = panel.value;
  if (!p) return null;
  const { agent } = p;
  const reason = agent.pauseReason ? p.pauseReasons.find((r) => r.code === agent.pauseReason) : undefined;
  const left = agent.state === 'wrapup' ? secondsUntil(agent.wrapupEndsAt ?? p.wrapup?.endsAt ?? null) : null;
  return (
    <div class="agent-status">
      <span class={`state-badge state-${agent.state}`} data-testid="agent-state" data-state={agent.state}>
        <span class="dot" aria-hidden="true" />
        {t(`agentState.${agent.state}`)}
        {agent.state === 'paused' && agent.pauseReason && (
          <span class="reason" data-testid="agent-pause-reason" data-reason={agent.pauseReason}> · {reason ? pick(reason.label) : agent.pauseReason}</span>
        )}
      </span>
      {left !== null && (
        <span class="wrapup-left" data-testid="wrapup-countdown">
          <T k="status.wrapupLeft" parts={{ time: <Duration seconds={left} /> }} />
        </span>
      )}
      <span class={agent.registered ? 'phone ok' : 'phone bad'} data-testid="phone-registration" data-registered={String(agent.registered)}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
          <path d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
        </svg>
        {agent.registered ? t('status.phoneRegistered') : t('status.phoneUnregistered')}
      </span>
    </div>
  );
}
