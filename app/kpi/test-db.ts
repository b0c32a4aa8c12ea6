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
      const entries: JournalEntry[] = [];
      for (const t of timelines) {
        const startedAt = new Date(Math.min(...t.events.map((e) => e.at.getTime())));
        entries.push({ kind: 'call', call: { id: t.callId, tenant: t.tenant, line: t.line, did: t.did, direction: 'inbound', callerId: '33600000001', channelId: `chan-${t.callId}`, startedAt } });
        for (const e of t.events) {
          entries.push({ kind: 'event', event: { id: randomUUID(), callId: t.callId, tenant: t.tenant, type: e.type, at: e.at, seq: e.seq, data: e.data ? { ...e.data } : {} } });
        }
      }
      for (let i = 0; i < entries.length; i += 500) await store.apply(entries.slice(i, i + 500));
    },
  };
}
