// What the agent can do with the call: hold and resume, transfer (blind, or after talking to
// the target first), and complete or cancel a consultation. Each refusal is shown beside the
// control that caused it; the call's new state comes with the next snapshot.
import { postHold, postResume } from '../../api/agent';
import type { CallView } from '../../api/types';
import { t } from '../../i18n/i18n';
import { useAction } from '../../ui/action';
import { ErrorText } from '../../ui/ErrorText';
import type { Who } from '../AgentPanel';
import { ConsultBox } from './ConsultBox';
import { TransferForm } from './TransferForm';

export function CallControls({ who, call }: { who: Who; call: CallView }) {
  const hold = useAction();
  if (call.state === 'ringing') {
    return <p class="notice" data-testid="pick-up-hint">{call.direction === 'inbound' ? t('call.pickUp') : t('call.pickUpOutbound')}</p>;
  }
  // The ACD holds and transfers the calls it queued; a click-to-call is the agent's own line.
  if (call.direction === 'outbound') {
    return <p class="notice" data-testid="outbound-controls-note">{t('controls.outboundNote')}</p>;
  }
  return (
    <section class="controls" aria-label={t('controls.label')}>
      {(call.state === 'talking' || call.state === 'held') && (
        <div class="control-group">
          {call.state === 'talking' ? (
            <button type="button" class="secondary" disabled={hold.busy.value} data-testid="call-hold"
              onClick={() => void hold.run(() => postHold(who.tenant, call.id))}>{t('controls.hold')}</button>
          ) : (
            <button type="button" class="primary" disabled={hold.busy.value} data-testid="call-resume"
              onClick={() => void hold.run(() => postResume(who.tenant, call.id))}>{t('controls.resume')}</button>
          )}
          {call.state === 'held' && <span class="held-note">{t('controls.heldNote')}</span>}
          <ErrorText error={hold.error.value} testid="call-error" />
        </div>
      )}
      {call.state === 'consulting' || call.consult ? <ConsultBox who={who} call={call} /> : <TransferForm who={who} call={call} />}
    </section>
  );
}
