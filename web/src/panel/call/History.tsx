// The caller's previous calls.
import type { CallView } from '../../api/types';
import { t } from '../../i18n/i18n';
import { DateTime } from '../../ui/bidi';

export function History({ history }: { history: CallView['history'] }) {
  return (
    <section class="history" aria-labelledby="history-title">
      <h3 id="history-title">{t('history.title')}</h3>
      {history.length === 0 ? <p class="muted" data-testid="history-empty">{t('history.none')}</p> : (
        <div class="table-scroll history-scroll">
          <table class="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('history.at')}</th>
                <th scope="col">{t('history.line')}</th>
                <th scope="col">{t('history.outcome')}</th>
                <th scope="col">{t('history.agent')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.callId} data-testid="history-row" data-call-id={h.callId}>
                  <td><DateTime iso={h.at} /></td>
                  <td>{h.line}</td>
                  <td data-outcome={h.outcome}>{t(`outcome.${h.outcome}`)}</td>
                  <td>{h.agent ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
