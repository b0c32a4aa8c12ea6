// One audit row in words: when (the user's time zone), who, what (and about whom), from where.
import type { AuditEvent } from '../api/admin';
import { locale, t, tDynamic } from '../i18n/i18n';
import { DateTime, Ltr } from '../ui/bidi';
import { changedFields, eventKey, readActor } from './audit-view';

function Who({ actor }: { actor: string | null }) {
  const who = readActor(actor);
  if (who.kind === 'user') return <Ltr>{who.name}</Ltr>;
  if (who.kind === 'token') return <span>{t('admin.audit.byToken')} <bdi>{who.name}</bdi></span>;
  if (who.kind === 'cli') return <span>{t('admin.audit.byCli')}</span>;
  return <span class="muted">—</span>;
}

export function AuditRow({ event, logins }: { event: AuditEvent; logins: ReadonlyMap<number, string> }) {
  const target = event.userId === null ? undefined : logins.get(event.userId);
  const fields = event.type === 'user.changed' ? changedFields(event.data) : [];
  return (
    <tr data-testid="audit-row" data-type={event.type}>
      <td><DateTime iso={event.at} /></td>
      <td><Who actor={event.actor} /></td>
      <td>
        {tDynamic(`admin.audit.type.${eventKey(event.type)}`)}
        {target && <> — <Ltr class="strong">{target}</Ltr></>}
        {fields.length > 0 && <span class="muted"> ({new Intl.ListFormat(locale(), { style: 'short', type: 'unit' }).format(fields.map((f) => tDynamic(`admin.audit.field.${f}`)))})</span>}
      </td>
      <td>{event.address ? <Ltr class="num">{event.address}</Ltr> : <span class="muted">—</span>}</td>
    </tr>
  );
}
