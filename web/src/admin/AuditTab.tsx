// The Audit tab: the place's security log, newest first, filtered by kind of event, a page at a
// time ("Older" asks for the rows before the last one shown).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getAudit, listUsers, type AuditEvent, type Place } from '../api/admin';
import { t, tDynamic } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { AUDIT_FILTERS, type AuditFilter } from './audit-view';
import { AuditRow } from './AuditRow';
import { useLoaded } from './useLoaded';

export function AuditTab({ place }: { place: Place }) {
  const filter = useSignal<AuditFilter>('');
  const events = useSignal<AuditEvent[] | null>(null);
  const next = useSignal<number | null>(null);
  /** The filter of the rows shown (the new one's rows may still be on their way). */
  const shown = useSignal<AuditFilter>('');
  const action = useAction();
  const users = useLoaded(() => listUsers(place), `users:${place ?? ''}`);
  const logins = new Map((users.data.value ?? []).map((u) => [u.id, u.login]));

  const load = (before: number | null) => action.run(async () => {
    const type = filter.value;
    const page = await getAudit(place, { type: type || undefined, before });
    shown.value = type;
    events.value = before === null ? page.events : [...(events.value ?? []), ...page.events];
    next.value = page.next;
  });
  const f = filter.value;
  useEffect(() => { events.value = null; void load(null); }, [place, f]);

  const list = events.value;
  return (
    <section class="card" aria-labelledby="audit-title" data-testid="admin-audit">
      <div class="row between">
        <h2 id="audit-title">{t('admin.audit.title')}</h2>
        <div class="row wrap">
          <label class="field inline">
            <span>{t('admin.audit.filter')}</span>
            <select value={f} data-testid="audit-filter" disabled={action.busy.value} onChange={(e) => { filter.value = e.currentTarget.value as AuditFilter; }}>
              {AUDIT_FILTERS.map((p) => <option key={p} value={p}>{tDynamic(`admin.audit.filters.${p === '' ? 'all' : p.replace('.', '')}`)}</option>)}
            </select>
          </label>
          <button type="button" class="secondary" data-testid="audit-refresh" disabled={action.busy.value} onClick={() => void load(null)}>{t('admin.audit.refresh')}</button>
        </div>
      </div>
      <ErrorText error={action.error.value} testid="audit-error" />
      {!list ? !action.error.value && <p role="status">{t('common.loading')}</p> : list.length === 0 ? <p class="muted" data-testid="audit-none">{t('admin.audit.none')}</p> : (
        <div class="table-scroll">
          <table class="grid-table" data-testid="audit-table" data-filter={shown.value}>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.what')}</th>
                <th scope="col">{t('admin.audit.address')}</th>
              </tr>
            </thead>
            <tbody>{list.map((e) => <AuditRow key={e.id} event={e} logins={logins} />)}</tbody>
          </table>
        </div>
      )}
      {next.value !== null && (
        <button type="button" class="secondary" data-testid="audit-older" disabled={action.busy.value} onClick={() => void load(next.value)}>{t('admin.audit.older')}</button>
      )}
    </section>
  );
}
