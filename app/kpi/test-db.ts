// For the KPI integration tests: a migrated scratch database with the two demo tenants (the
// landlord in Europe/Paris, the utility in Africa/Casablanca), their lines, and call timelines
// written the way the app writes them, through the journal's SQL store.
import { randomUUID } from 'node:crypto';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import type { JournalEntry } from '../journal/entries.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import { RANDOM_LINES } from './test-support.js';
import type { CallTimeline } from './types.js';

export const TENANTS = {
  habitat: { timezone: 'Europe/Paris', country: 'FR', did: '33170000001' },
  energie: { timezone: 'Africa/Casablanca', country: 'MA', did: '212520000001' },
} as const;
export type TenantSlug = keyof typeof TENANTS;

export interface KpiDb {
  db: ScratchDb;
  models: Models;
  tenantIds: Record<TenantSlug, number>;
  /** Writes each timeline as a call (started at its first event) and its events, in batches. */
  write(timelines: readonly CallTimeline[]): Promise<void>;
}

export async function createKpiDb(): Promise<KpiDb> {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  await models.Site.create({ name: 'primary', role: 'primary', country: 'FR', hostname: 'ccapp-primary' });
  const tenantIds = {} as Record<TenantSlug, number>;
  for (const [slug, t] of Object.entries(TENANTS) as [TenantSlug, (typeof TENANTS)[TenantSlug]][]) {
    const tenant = await models.Tenant.create({ slug, name: slug, country: t.country, timezone: t.timezone, languages: ['fr'] });
    tenantIds[slug] = tenant.id;
    for (const line of RANDOM_LINES) await models.Line.create({ tenantId: tenant.id, slug: line, label: line });
  }
  const store = new SqlJournalStore(db.sequelize, models, 'primary');
  return {
    db, models, tenantIds,
    async write(timelines) {
      const entries = timelines.flatMap((t) => [callOpened(t), ...eventEntries(t)]);
      for (let i = 0; i < entries.length; i += 500) await store.apply(entries.slice(i, i + 500));
    },
  };
}

/** The journal entry opening the timeline's call, started at its first event. */
export function callOpened(t: CallTimeline): JournalEntry {
  const startedAt = new Date(Math.min(...t.events.map((e) => e.at.getTime())));
  return { kind: 'call', call: { id: t.callId, tenant: t.tenant, line: t.line, did: t.did, direction: 'inbound', callerId: '33600000001', channelId: `chan-${t.callId}`, startedAt } };
}

/** The timeline's events as journal entries (each with a new id), in the timeline's order. */
export function eventEntries(t: CallTimeline): JournalEntry[] {
  return t.events.map((e) => ({ kind: 'event', event: { id: randomUUID(), callId: t.callId, tenant: t.tenant, type: e.type, at: e.at, seq: e.seq, data: e.data ? { ...e.data } : {} } }));
}

/** The call's end as the call service writes it after its hang-up event. */
export function callEnded(callId: string, at: Date): JournalEntry {
  return { kind: 'call-update', callId, update: { endedAt: at, hangupCause: 16, hangupReason: 'Normal Clearing' } };
}

/** What the journal would write for these calls as they happen: in time order across calls, each hang-up followed by the call's end. */
export function liveEntries(timelines: readonly CallTimeline[]): JournalEntry[] {
  const timed: { at: number; entry: JournalEntry }[] = [];
  for (const tl of timelines) {
    const sorted = { ...tl, events: [...tl.events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq) };
    const opened = callOpened(sorted);
    timed.push({ at: opened.kind === 'call' ? opened.call.startedAt.getTime() : 0, entry: opened });
    for (const entry of eventEntries(sorted)) {
      if (entry.kind !== 'event') continue;
      timed.push({ at: entry.event.at.getTime(), entry });
      if (entry.event.type === 'call.hangup') timed.push({ at: entry.event.at.getTime(), entry: callEnded(tl.callId, entry.event.at) });
    }
  }
  return timed.sort((a, b) => a.at - b.at).map((x) => x.entry);
}
