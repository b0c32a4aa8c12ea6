// Transfer the caller to a colleague (chosen among the tenant's agents, with their state) or to
// a number: at once (blind) or after talking to the target first (attended).
import { useSignal } from '@preact/signals';
import { postConsult, postTransfer } from '../../api/agent';
import type { CallView, Colleague, Target } from '../../api/types';
import { t } from '../../i18n/i18n';
import { useAction } from '../../ui/action';
import { ErrorText } from '../../ui/ErrorText';
import { ltrText } from '../../ui/bidi';
import type { Who } from '../AgentPanel';
import { cleanNumber } from '../ClickToCall';
import { panel } from '../store';

const reachable = (c: Colleague) => c.registered && c.state !== 'logged_out';

function colleagueText(c: Colleague): string {
  const state = t(`agentState.${c.state}`);
  return `${c.name} (${ltrText(c.login)}) — ${c.registered ? state : `${state}, ${t('status.phoneUnregistered')}`}`;
}

export function TransferForm({ who, call }: { who: Who; call: CallView }) {
  const kind = useSignal<'agent' | 'number'>('agent');
  const login = useSignal('');
  const number = useSignal('');
  const action = useAction();
  const colleagues = (panel.value?.colleagues ?? []).filter((c) => c.id !== who.agentId);
  const target: Target | null = kind.value === 'agent'
    ? (login.value ? { agentLogin: login.value } : null)
    : (/^\+?[0-9]{2,}$/.test(cleanNumber(number.value)) ? { number: cleanNumber(number.value) } : null);
  const busy = action.busy.value;
  const go = (how: 'transfer' | 'consult') => {
    if (!target) return;
    void action.run(() => (how === 'transfer' ? postTransfer : postConsult)(who.tenant, call.id, target));
  };

  return (
    <fieldset class="transfer" data-testid="transfer">
      <legend>{t('transfer.title')}</legend>
      <div class="segmented" role="radiogroup" aria-label={t('transfer.to')}>
        {(['agent', 'number'] as const).map((k) => (
          <label key={k} class={kind.value === k ? 'seg on' : 'seg'}>
            <input type="radio" name="transfer-kind" value={k} checked={kind.value === k} data-testid={`transfer-kind-${k}`}
              onChange={() => { kind.value = k; action.clear(); }} />
            {k === 'agent' ? t('transfer.toColleague') : t('transfer.toNumber')}
          </label>
        ))}
      </div>
      {kind.value === 'agent' ? (
        <label class="field">
          <span>{t('transfer.colleague')}</span>
          <select value={login.value} data-testid="transfer-colleague" onChange={(e) => { login.value = e.currentTarget.value; action.clear(); }}>
            <option value="">{t('transfer.chooseColleague')}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.login} disabled={!reachable(c)}>{colleagueText(c)}</option>
            ))}
          </select>
        </label>
      ) : (
        <label class="field">
          <span>{t('transfer.number')}</span>
          <input type="tel" dir="ltr" inputMode="tel" autocomplete="off" value={number.value} data-testid="transfer-number"
            onInput={(e) => { number.value = e.currentTarget.value; action.clear(); }} />
        </label>
      )}
      <div class="row wrap">
        <button type="button" class="secondary" disabled={busy || !target} onClick={() => go('consult')} data-testid="transfer-consult">
          {t('transfer.consult')}
        </button>
        <button type="button" class="secondary" disabled={busy || !target} onClick={() => go('transfer')} data-testid="transfer-blind">
          {t('transfer.blind')}
        </button>
      </div>
      <ErrorText error={action.error.value} testid="transfer-error" />
    </fieldset>
  );
}
