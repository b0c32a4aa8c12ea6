// For the KPI integration tests: what the stored sums hold, and a tenant's report computed both
// from those sums (what the API serves) and from the call events (the reference), to compare.
import { QueryTypes } from 'sequelize';
import { reportFromFacts } from './facts-report.js';
import { reportFromEvents, type KpiReportOptions } from './report-builder.js';
import { TENANTS, type KpiDb, type TenantSlug } from './test-db.js';

/** Every stored sum: slots, days, and the zone the days were cut in. */
export async function slotsTable(kdb: KpiDb): Promise<unknown[]> {
  const q = (sql: string) => kdb.db.sequelize.query(sql, { type: QueryTypes.SELECT });
  return [
    await q('SELECT * FROM kpi_slots ORDER BY tenant_id, kind, slot, grp'),
    await q('SELECT * FROM kpi_days ORDER BY tenant_id, kind, slot, grp'),
    await q('SELECT * FROM kpi_day_zones ORDER BY tenant_id'),
  ];
}

/** Both reports of the tenant over the period; and how many units they counted. */
export async function bothReports(kdb: KpiDb, tenant: TenantSlug, options: Omit<KpiReportOptions, 'timezone'> & { timezone?: string }) {
  const o = { ...options, timezone: options.timezone ?? TENANTS[tenant].timezone };
  const facts = await reportFromFacts(kdb.db.sequelize, kdb.tenantIds[tenant], o);
  const events = await reportFromEvents(kdb.db.sequelize, tenant, o, 40);
  const units = facts.totals.queues.reduce((s, r) => s + r.offered, 0) + facts.totals.agents.reduce((s, r) => s + r.offered, 0);
  return { facts, events, units };
}
