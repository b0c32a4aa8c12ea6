// The stored summaries against the reference, on a real MariaDB: calls summarised one at a time
// (as the app does when they end), or a period at a time from their events, give reports equal
// to the event-stream report in every bucket kind, both zones, across clock changes, for periods
// that do or do not start on a quarter hour; summarising again changes nothing; concurrent
// summaries give the same slots; no tenant sees another's figures.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes } from 'sequelize';
import { KpiFactStore } from './fact-store.js';
import { reportFromFacts } from './facts-report.js';
import { summariseCall } from './facts.js';
import { SLOT_COLUMNS } from './slots.js';
import { createKpiDb, TENANTS, type KpiDb, type TenantSlug } from './test-db.js';
import { bothReports, slotsTable } from './test-reports.js';
import { call, randomCalls } from './test-support.js';
import type { CallTimeline } from './types.js';

const test = anyTest as TestFn<{ kdb: KpiDb; store: KpiFactStore; written: CallTimeline[] }>;

const WINDOWS: { tenant: TenantSlug; from: string; to: string }[] = [
  { tenant: 'habitat', from: '2026-03-27T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
  { tenant: 'habitat', from: '2026-10-23T00:00:00+02:00', to: '2026-10-28T00:00:00+01:00' },
  { tenant: 'energie', from: '2026-02-13T00:00:00+01:00', to: '2026-02-18T00:00:00+00:00' },
  { tenant: 'energie', from: '2026-03-20T00:00:00+00:00', to: '2026-03-25T00:00:00+01:00' },
];
const MINUTE = 60_000;

test.before(async (t) => {
  process.env.TZ = 'Asia/Kolkata'; // a host zone at a half-hour offset must change nothing
  const kdb = await createKpiDb();
  const written = WINDOWS.flatMap((w, i) => randomCalls(200 + i, 150, {
    from: Date.parse(w.from), to: Date.parse(w.to), ids: { tenant: w.tenant, did: TENANTS[w.tenant].did }, callId: randomUUID,
  }).timelines);
  await kdb.write(written);
  const store = new KpiFactStore(kdb.db.sequelize);
  for (const tl of written) await store.save(summariseCall(tl));
  Object.assign(t.context, { kdb, store, written });
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

for (const w of WINDOWS) {
  test(`given ${w.tenant}'s calls summarised one by one (${w.from}), when reported from the slots, then every figure equals the event-stream report`, async (t) => {
    const { kdb } = t.context;
    const from = Date.parse(w.from), to = Date.parse(w.to);
    const periods: [string, number, number][] = [
      ['whole window', from, to],
      ['off the quarter hours', from + 7 * MINUTE + 13_500, to - 3 * MINUTE - 1],
      ['within one slot', from + 2 * 86_400_000 + 10 * 3_600_000 + 5 * MINUTE, from + 2 * 86_400_000 + 10 * 3_600_000 + 11 * MINUTE],
      ['across two slots', from + 3 * 86_400_000 + 9 * 3_600_000 + 5 * MINUTE, from + 3 * 86_400_000 + 9 * 3_600_000 + 20 * MINUTE],
    ];
    for (const [label, a, b] of periods) {
      for (const bucket of ['day', 'hour', 'half-hour'] as const) {
        for (const serviceLevelSeconds of [20, 40]) {
          const { facts, events, units } = await bothReports(kdb, w.tenant, { from: new Date(a), to: new Date(b), bucket, serviceLevelSeconds });
          t.deepEqual(facts, events, `${label}, ${bucket}, ${serviceLevelSeconds} s`);
          if (label === 'whole window') t.true(units > 200, 'the window has calls');
        }
      }
    }
  });
}

test('given the migrated schema, when the sums tables are read, then their columns are the ones the code writes', async (t) => {
  const columns = async (table: string) => (await t.context.kdb.db.sequelize.query<{ Field: string }>(`SHOW COLUMNS FROM ${table}`, { type: QueryTypes.SELECT })).map((c) => c.Field);
  t.deepEqual(new Set(await columns('kpi_slots')), new Set(['tenant_id', 'kind', 'slot', 'grp', ...SLOT_COLUMNS]));
  t.deepEqual(new Set(await columns('kpi_days')), new Set(['tenant_id', 'kind', 'slot', 'grp', 'end_slot', ...SLOT_COLUMNS]));
});

test.serial('given summarised calls, when each is summarised again or refreshed from the journal, then nothing changes', async (t) => {
  const { kdb, store, written } = t.context;
  const before = await slotsTable(kdb);
  for (const tl of written.slice(0, 40)) t.is(await store.save(summariseCall(tl)), 'unchanged');
  for (const tl of written.slice(40, 80)) t.is(await store.refresh(tl.callId), 'unchanged');
  t.is(await store.refresh(randomUUID()), 'unknown');
  t.deepEqual(await slotsTable(kdb), before);
});

test.serial('given a call summarised when it ended, when its wrap-up end is written later and it is refreshed, then its handle time counts', async (t) => {
  const { kdb, store, written } = t.context;
  const tl = call({ tenant: 'habitat', did: TENANTS.habitat.did, callId: randomUUID(), line: 'technique' })
    .arrive('2026-03-30T08:00:00Z').ivr(3_000).enqueue('technique').offer('late').ring(0).answer('late', 6_000).agentHangup(100_000).build();
  await kdb.write([tl]);
  t.is(await store.refresh(tl.callId), 'saved');
  const wrapUpEnd = { type: 'agent.wrapup_ended', at: new Date(Date.parse('2026-03-30T08:00:00Z') + 3_000 + 6_000 + 100_000 + 30_000), seq: 99, data: { agent: 'late' } };
  await kdb.write([{ ...tl, events: [wrapUpEnd] }]);
  written.push({ ...tl, events: [...tl.events, wrapUpEnd] });
  t.is(await store.refresh(tl.callId), 'saved');
  const { facts, events } = await bothReports(kdb, 'habitat', { from: new Date('2026-03-30T00:00:00+02:00'), to: new Date('2026-03-31T00:00:00+02:00'), bucket: 'hour' });
  t.deepEqual(facts, events);
  t.like(facts.totals.agents.find((r) => r.agent === 'late'), { offered: 1, taken: 1, handled: 1, averageTalkMs: 100_000, averageHandleMs: 130_000 });
});

test.serial('given the same calls rebuilt from their events a period at a time, or saved concurrently, then the slots are the same', async (t) => {
  const { kdb, store, written } = t.context;
  const before = await slotsTable(kdb);
  const empty = async (): Promise<void> => {
    for (const table of ['kpi_day_zones', 'kpi_days', 'kpi_slots', 'call_facts']) await kdb.db.sequelize.query(`DELETE FROM ${table}`);
  };
  await empty();
  let calls = 0;
  for (const w of WINDOWS) calls += (await store.rebuild({ tenant: w.tenant, from: new Date(w.from), to: new Date(w.to), pageSize: 64 })).calls;
  t.true(calls >= 600 - 4, 'every call of the windows');
  t.deepEqual(await slotsTable(kdb), before, 'rebuilt from the events');

  await empty();
  const pending = written.map((tl) => summariseCall(tl));
  // Eight writers at once on the same slots; lock conflicts are retried.
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let next = pending.pop(); next; next = pending.pop()) await store.save(next);
  }));
  t.deepEqual(await slotsTable(kdb), before, 'saved concurrently');
});

test.serial('given the tenant\'s zone changed, when reported in the new zone, then the figures are right before and after its days are recut', async (t) => {
  const { kdb, written } = t.context;
  const period = { from: new Date('2026-03-27T00:00:00+01:00'), to: new Date('2026-04-01T00:00:00+01:00'), bucket: 'day' as const, timezone: 'Africa/Casablanca' };
  const zoneOfDays = async () => (await kdb.db.sequelize.query<{ timezone: string }>('SELECT timezone FROM kpi_day_zones WHERE tenant_id = ?', { replacements: [kdb.tenantIds.habitat], type: QueryTypes.SELECT }))[0]?.timezone;
  t.is(await zoneOfDays(), 'Europe/Paris');
  const setZone = (zone: string) => kdb.models.Tenant.update({ timezone: zone }, { where: { slug: 'habitat' } });
  await setZone('Africa/Casablanca');
  try {
    // Days still cut in Paris: the report reads the slots.
    const stale = await bothReports(kdb, 'habitat', period);
    t.deepEqual(stale.facts, stale.events);
    // The next call saved (by the app, restarted with the new zone) recuts every day.
    const [first] = written;
    if (!first) return t.fail('no call');
    await kdb.db.sequelize.query('DELETE FROM call_facts WHERE call_id = ?', { replacements: [first.callId] });
    t.is(await new KpiFactStore(kdb.db.sequelize).refresh(first.callId), 'saved');
    t.is(await zoneOfDays(), 'Africa/Casablanca');
    const recut = await bothReports(kdb, 'habitat', period);
    t.deepEqual(recut.facts, recut.events);
    t.deepEqual(recut.facts, stale.facts);
    t.is(recut.facts.tenant.length, 5, 'five Casablanca days');
  } finally {
    await setZone('Europe/Paris');
    await new KpiFactStore(kdb.db.sequelize).rebuild({ tenant: 'habitat', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') });
  }
  t.is(await zoneOfDays(), 'Europe/Paris');
});

test('given both tenants\' calls, when one tenant\'s report is read, then it counts none of the other\'s', async (t) => {
  const { kdb, written } = t.context;
  const period = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z'), bucket: 'day' as const };
  for (const tenant of ['habitat', 'energie'] as const) {
    const { facts } = await bothReports(kdb, tenant, period);
    const queuedCalls = written.filter((tl) => tl.tenant === tenant && tl.events.some((e) => e.type === 'queue.entered')).length;
    const [all] = facts.totals.tenant;
    t.is(all?.offered, queuedCalls, tenant);
  }
  await t.throwsAsync(reportFromFacts(kdb.db.sequelize, kdb.tenantIds.habitat, { ...period, timezone: 'Europe/Paris', serviceLevelSeconds: 17 }), { message: /serviceLevelSeconds must be one of/ });
});
