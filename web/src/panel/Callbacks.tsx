// Callbacks callers asked for and that are still pending: the number, the queue, when it was
// asked (the time today, else the date) and how many attempts were made.
import { t } from '../i18n/i18n';
import { T } from '../i18n/T';
import { Ltr, When } from '../ui/bidi';
import { panel } from './store';

export function Callbacks() {
  const p = panel.value;
  if (!p) return null;
  const queueLabel = (id: string) => p.queues.find((q) => q.id === id)?.label ?? id;
  return (
    <section class="card" aria-labelledby="callbacks-title" data-testid="callbacks">
      <h2 id="callbacks-title">{t('callbacks.title')}</h2>
      {p.callbacks.length === 0 ? <p class="muted">{t('callbacks.none')}</p> : (
        <ul class="callbacks">
          {p.callbacks.map((c) => (
            <li key={c.callId} data-testid="callback-row" data-call-id={c.callId}>
              <div class="callback-top">
                <Ltr class="callback-number num" testid="callback-number">{c.number}</Ltr>
                <span class="muted">{queueLabel(c.queue)}</span>
              </div>
              <div class="callback-meta muted">
                <span>{t('callbacks.requestedAt')} <When iso={c.requestedAt} /></span>
                <span data-attempts={c.attempts}>
                  <T k="callbacks.attempts" vars={{ count: c.attempts }} parts={{ n: <Ltr class="num">{c.attempts}</Ltr> }} />
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
