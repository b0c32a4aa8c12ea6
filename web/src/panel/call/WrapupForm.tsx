// After the call: the call's reason (family, then nature, from the reasons of the call's line)
// and a note, with the time left for the wrap-up.
import { useSignal } from '@preact/signals';
import { postWrapup } from '../../api/agent';
import type { Panel } from '../../api/types';
import { secondsUntil } from '../../format/clock';
import { t } from '../../i18n/i18n';
import { pick } from '../../i18n/labels';
import { T } from '../../i18n/T';
import { useAction } from '../../ui/action';
import { Duration } from '../../ui/bidi';
import { ErrorText } from '../../ui/ErrorText';
import type { Who } from '../AgentPanel';
import { panel } from '../store';

export const NOTE_MAX = 2000;

export function WrapupForm({ who, wrapup }: { who: Who; wrapup: NonNullable<Panel['wrapup']> }) {
  const family = useSignal('');
  const nature = useSignal('');
  const note = useSignal('');
  const action = useAction();
  const reasons = panel.value?.callReasons ?? [];
  const natures = reasons.find((r) => r.code === family.value)?.natures ?? [];
  const left = secondsUntil(wrapup.endsAt);

  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(() => postWrapup(who.tenant, wrapup.callId, { family: family.value, nature: nature.value, note: note.value.trim() }));
  };

  return (
    <form class="card wrapup" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="wrapup-title"
      data-testid="wrapup-form" data-call-id={wrapup.callId} data-saved={String(wrapup.saved)}>
      <header class="row between wrap">
        <h2 id="wrapup-title">{t('wrapup.title')}</h2>
        {left !== null && <span class="wrapup-left"><T k="status.wrapupLeft" parts={{ time: <Duration seconds={left} testid="wrapup-form-countdown" /> }} /></span>}
      </header>
      {reasons.length === 0 ? <p class="muted">{t('wrapup.noReasons')}</p> : (
        <div class="two-col">
          <label class="field">
            <span>{t('wrapup.family')}</span>
            <select value={family.value} required data-testid="wrapup-family"
              onChange={(e) => { family.value = e.currentTarget.value; nature.value = ''; action.clear(); }}>
              <option value="">{t('wrapup.choose')}</option>
              {reasons.map((r) => <option key={r.code} value={r.code}>{pick(r.label)}</option>)}
            </select>
          </label>
          <label class="field">
            <span>{t('wrapup.nature')}</span>
            <select value={nature.value} required disabled={!family.value} data-testid="wrapup-nature"
              onChange={(e) => { nature.value = e.currentTarget.value; action.clear(); }}>
              <option value="">{t('wrapup.choose')}</option>
              {natures.map((n) => <option key={n.code} value={n.code}>{pick(n.label)}</option>)}
            </select>
          </label>
        </div>
      )}
      <label class="field">
        <span>{t('wrapup.note')}</span>
        <textarea rows={3} maxLength={NOTE_MAX} value={note.value} data-testid="wrapup-note"
          onInput={(e) => { note.value = e.currentTarget.value; }} />
      </label>
      <ErrorText error={action.error.value} testid="wrapup-error" />
      <div class="row wrap">
        <button type="submit" class="primary" disabled={action.busy.value || !family.value || !nature.value} data-testid="wrapup-save">
          {t('wrapup.save')}
        </button>
        {wrapup.saved && <span class="saved" role="status" data-testid="wrapup-saved">{t('wrapup.saved')}</span>}
      </div>
    </form>
  );
}
