// The screen pop of the current call: who calls (or whom we call), on which line and number,
// in which language, the way they came through the IVR, the queue and the wait, the recording,
// then the call's controls and the caller's previous calls.
import type { CallView } from '../../api/types';
import { secondsSince } from '../../format/clock';
import { t } from '../../i18n/i18n';
import { languageName } from '../../i18n/labels';
import { Duration, Ltr } from '../../ui/bidi';
import type { Who } from '../AgentPanel';
import { CallControls } from './CallControls';
import { History } from './History';
import { IvrPath } from './IvrPath';

export function ScreenPop({ who, call }: { who: Who; call: CallView }) {
  const waited = call.waitedSeconds ?? (call.state === 'ringing' ? secondsSince(call.queuedAt) : null);
  const talking = call.state !== 'ringing' ? secondsSince(call.answeredAt) : null;
  return (
    <article class={`card screen-pop call-${call.state}`} data-testid="screen-pop" data-call-id={call.id} data-state={call.state}
      aria-labelledby="pop-title">
      <header class="pop-head">
        <div class="pop-title-block">
          <p class="pop-state" aria-live="polite" data-testid="pop-state">{t(`callState.${call.state}`)}</p>
          <h2 id="pop-title" class="pop-number">
            <span class="visually-hidden">{t(`direction.${call.direction}`)} </span>
            {call.callerNumber
              ? <Ltr testid="pop-caller">{call.callerNumber}</Ltr>
              : <span data-testid="pop-caller" data-withheld="true">{t('call.withheld')}</span>}
          </h2>
        </div>
        <div class="pop-meta">
          <span class="tag" data-testid="pop-direction" data-direction={call.direction}>{t(`direction.${call.direction}`)}</span>
          <span class={`tag rec-${call.recording}`} data-testid="pop-recording" data-recording={call.recording}>
            <span class="dot" aria-hidden="true" />{t(`recording.${call.recording}`)}
          </span>
          {talking !== null && <span class="talk-time">{t('call.talkTime')} <Duration seconds={talking} testid="pop-talk-time" /></span>}
        </div>
      </header>

      <dl class="facts">
        <div><dt>{t('call.line')}</dt><dd data-testid="pop-line" data-line={call.line.id}>{call.line.label}</dd></div>
        <div><dt>{t('call.did')}</dt><dd><Ltr class="num" testid="pop-did">{call.did}</Ltr></dd></div>
        <div><dt>{t('call.language')}</dt><dd data-testid="pop-language" data-language={call.language ?? ''}>{call.language ? languageName(call.language) : t('call.languageUnknown')}</dd></div>
        <div><dt>{t('call.queue')}</dt><dd data-testid="pop-queue" data-queue={call.queue?.id ?? ''}>{call.queue?.label ?? '—'}</dd></div>
        <div><dt>{t('call.waited')}</dt><dd>{waited === null ? <span data-testid="pop-waited">—</span> : <Duration seconds={waited} testid="pop-waited" />}</dd></div>
      </dl>

      <IvrPath steps={call.ivrPath} />
      <CallControls who={who} call={call} />
      <History history={call.history} />
    </article>
  );
}
