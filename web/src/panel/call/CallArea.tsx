// The call area keeps its place and size whatever happens (no layout shift when a call pops):
// the screen pop of the current call, the wrap-up form after it, or a quiet idle message.
import { t } from '../../i18n/i18n';
import type { Who } from '../AgentPanel';
import { panel } from '../store';
import { ScreenPop } from './ScreenPop';
import { WrapupForm } from './WrapupForm';

export function CallArea({ who }: { who: Who }) {
  const p = panel.value;
  if (!p) return null;
  const call = p.call;
  return (
    <section class="call-area" aria-label={t('call.areaLabel')} data-testid="call-area">
      {/* Always in the page, so that screen readers announce a call as it pops. */}
      <p class="visually-hidden" aria-live="assertive">
        {call ? `${t(`callState.${call.state}`)}: ${call.callerNumber ?? t('call.withheld')}` : ''}
      </p>
      {p.call && <ScreenPop who={who} call={p.call} />}
      {p.wrapup && <WrapupForm key={p.wrapup.callId} who={who} wrapup={p.wrapup} />}
      {!p.call && !p.wrapup && (
        <div class="card idle" data-testid="no-call">
          <svg viewBox="0 0 24 24" class="idle-icon" aria-hidden="true" focusable="false">
            <path d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
          </svg>
          <p>{p.agent.state === 'logged_out' ? t('call.idleLoggedOut') : t('call.idle')}</p>
        </div>
      )}
    </section>
  );
}
