// The queues the agent serves: how many callers wait and for how long the oldest has waited
// (counting live).
import { secondsSince } from '../format/clock';
import { t } from '../i18n/i18n';
import { Duration, Ltr } from '../ui/bidi';
import { panel } from './store';

export function Queues() {
  const queues = panel.value?.queues ?? [];
  return (
    <section class="card" aria-labelledby="queues-title" data-testid="queues">
      <h2 id="queues-title">{t('queues.title')}</h2>
      {queues.length === 0 ? <p class="muted">{t('queues.none')}</p> : (
        <table class="grid-table">
          <thead>
            <tr><th scope="col">{t('queues.queue')}</th><th scope="col" class="num-col">{t('queues.waiting')}</th><th scope="col" class="num-col">{t('queues.oldest')}</th></tr>
          </thead>
          <tbody>
            {queues.map((q) => {
              const oldest = secondsSince(q.oldestWaitingSince);
              return (
                <tr key={q.id} data-testid="queue-row" data-queue={q.id} class={q.waiting > 0 ? 'has-waiting' : undefined}>
                  <th scope="row">{q.label}</th>
                  <td class="num-col"><Ltr class="num" testid="queue-waiting">{q.waiting}</Ltr></td>
                  <td class="num-col">{oldest === null ? <span class="muted" data-testid="queue-oldest">—</span> : <Duration seconds={oldest} testid="queue-oldest" />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
