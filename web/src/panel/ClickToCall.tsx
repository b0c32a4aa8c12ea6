// Click-to-call: the agent's phone rings first, then the number is dialled on the chosen line.
// A number the tenant's dialling policy refuses is explained next to the form.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { postCall } from '../api/agent';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { T } from '../i18n/T';
import { Ltr, ltrText } from '../ui/bidi';
import type { Who } from './AgentPanel';
import { panel } from './store';

/** What may be typed in a number field: digits, with one leading +; spaces, dots and dashes dropped. */
export const cleanNumber = (s: string): string => s.trim().replace(/[\s.\-()]/g, '');

export function ClickToCall({ who }: { who: Who }) {
  const number = useSignal('');
  const line = useSignal('');
  const started = useSignal(false);
  const action = useAction();
  const p = panel.value;
  // "Your phone will ring" holds until the call is answered (or refused), not after.
  const answered = !!p?.call && p.call.state !== 'ringing';
  useEffect(() => { if (answered) started.value = false; }, [answered, started]);
  if (!p) return null;
  const lines = p.lines;
  const chosenLine = line.value || lines[0]?.id || '';
  const onCall = p.call !== null;
  const dialled = cleanNumber(number.value);

  const submit = async (e: Event) => {
    e.preventDefault();
    started.value = false;
    if (await action.run(() => postCall(who.tenant, who.agentId, dialled, chosenLine || undefined))) {
      started.value = true;
      number.value = '';
    }
  };

  return (
    <section class="card" aria-labelledby="dial-title">
      <h2 id="dial-title">{t('dial.title')}</h2>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="dial-form">
        <label class="field">
          <span>{t('dial.number')}</span>
          <input type="tel" dir="ltr" inputMode="tel" autocomplete="off" value={number.value} data-testid="dial-number"
            aria-describedby="dial-error"
            onInput={(e) => { number.value = e.currentTarget.value; started.value = false; action.clear(); }} />
        </label>
        {lines.length === 1 && lines[0] && (
          <p class="muted" data-testid="dial-line-only" data-line={lines[0].id}>
            <T k="dial.lineOnly" vars={{ line: lines[0].label }} parts={{ did: <Ltr class="num">{lines[0].did}</Ltr> }} />
          </p>
        )}
        {lines.length > 1 && (
          <label class="field">
            <span>{t('dial.line')}</span>
            <select value={chosenLine} data-testid="dial-line" onChange={(e) => { line.value = e.currentTarget.value; }}>
              {lines.map((l) => <option key={l.id} value={l.id}>{l.label} — {ltrText(l.did)}</option>)}
            </select>
          </label>
        )}
        <ErrorText error={action.error.value} testid="dial-error" id="dial-error" />
        {started.value && !action.error.value && <p class="notice" role="status" data-testid="dial-started">{t('dial.started')}</p>}
        <button type="submit" class="primary" disabled={action.busy.value || onCall || !/^\+?[0-9]{2,}$/.test(dialled)} data-testid="dial-submit">
          {t('dial.submit')}
        </button>
      </form>
    </section>
  );
}
