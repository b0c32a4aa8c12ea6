import { QueryTypes } from 'sequelize';
import { createSequelize } from '../../db/connection.js';
import { Bucketer } from './buckets.js';
import { bucketKeySql, cellAggregates, AGENT_COLUMNS, SLOT_COLUMNS, slotOf } from './slots.js';
import { reportFromFacts } from './facts-report.js';
const s = createSequelize({ host: '127.0.0.1', port: 3307, user: process.env.CCAPP_DB_USER!, password: process.env.CCAPP_DB_PASSWORD!, database: process.argv[2]! });
const from = new Date('2026-10-01T00:00:00+02:00'), to = new Date('2026-11-01T00:00:00+01:00');
const [tenant] = await s.query<{ id: number }>("SELECT id FROM tenants WHERE slug='bench'", { type: QueryTypes.SELECT });
for (const bucket of ['day', 'hour', 'half-hour'] as const) {
  const key = bucketKeySql(new Bucketer(bucket, 'Europe/Paris', from, to), slotOf(from.getTime()), slotOf(to.getTime()) - 1);
  for (const [label, kinds, cols] of [['queue+line', "kind IN ('queue','line')", SLOT_COLUMNS], ['agent', "kind='agent'", AGENT_COLUMNS]] as const) {
    const t0 = performance.now();
    const rows = await s.query(`SELECT kind, grp, MIN(slot) AS slot, ${cellAggregates(cols)} FROM kpi_slots WHERE tenant_id = ? AND ${kinds} AND slot >= ? AND slot < ? GROUP BY kind, grp, ${key}`, { replacements: [tenant!.id, slotOf(from.getTime()), slotOf(to.getTime())], type: QueryTypes.SELECT });
    console.log(bucket, label, 'slots sql', rows.length, (performance.now() - t0).toFixed(1));
  }
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); await reportFromFacts(s, tenant!.id, { from, to, bucket, timezone: 'Europe/Paris' }); console.log(bucket, 'full report', (performance.now() - t0).toFixed(1)); }
}
await s.close();
