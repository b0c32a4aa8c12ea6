// A consultation under way: the caller waits with music while the agent talks to the target;
// complete hands the caller over, cancel takes them back.
import { postConsultEnd } from '../../api/agent';
import type { CallView } from '../../api/types';
import { t } from '../../i18n/i18n';
import { T } from '../../i18n/T';
import { useAction } from '../../ui/action';
import { ErrorText } from '../../ui/ErrorText';
import type { Who } from '../AgentPanel';
import { panel } from '../store';

export function ConsultBox({ who, call }: { who: Who; call: CallView }) {
  const action = useAction();
  const consult = call.consult;
  // The target is a colleague's login or a number: a colleague is shown by name.
  const colleague = panel.value?.colleagues.find((c) => c.login === consult?.target || c.id === consult?.target);
  const end = (how: 'complete' | 'cancel') => void action.run(() => postConsultEnd(who.tenant, call.id, how));
  return (
    <div class="consult" data-testid="consult" data-state={consult?.state ?? 'unknown'}>
      <p class="consult-title">
        <T k="consult.with" parts={{ target: colleague ? <strong>{colleague.name}</strong> : <bdi dir="ltr" class="num">{consult?.target ?? '—'}</bdi> }} />
      </p>
      <p class="muted" aria-live="polite">{consult?.state === 'talking' ? t('consult.talking') : t('consult.ringing')}</p>
      <div class="row wrap">
        <button type="button" class="primary" disabled={action.busy.value} onClick={() => end('complete')} data-testid="consult-complete">
          {t('consult.complete')}
        </button>
        <button type="button" class="secondary" disabled={action.busy.value} onClick={() => end('cancel')} data-testid="consult-cancel">
          {t('consult.cancel')}
        </button>
      </div>
      <ErrorText error={action.error.value} testid="consult-error" />
    </div>
  );
}
