// The live path, on a real MariaDB: calls written through the journal's SQL store wired as the
// app wires it (journalStoreWithKpis) are summarised into call_facts when their end is written,
// and again when their agent's wrap-up end is written later; the reports from the sums then equal
// the event-stream reports, and writing the same batches again (a retry, a spool replay)
// changes nothing.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes } from 'sequelize';
import type { JournalEntry } from '../journal/entries.js';
import type { SqlJournalStore } from '../journal/sql-store.js';
import { summariseCall } from './facts.js';
import { journalStoreWithKpis } from './summariser.js';
import { callEnded, callOpened, createKpiDb, eventEntries, liveEntries, TENANTS, type KpiDb, type TenantSlug } from './test-db.js';
import { bothReports, slotsTable } from './test-reports.js';
import { call, randomCalls } from './test-support.js';

const test = anyTest as TestFn<{ kdb: KpiDb; store: SqlJournalStore; errors: object[] }>;

test.before(async (t) => {
  process.env.TZ = 'Asia/Kolkata'; // a host zone at a half-hour offset must change nothing
  const kdb = await createKpiDb();
  const errors: object[] = [];
  const store = journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', { error: (obj) => errors.push(obj) });
  Object.assign(t.context, { kdb, store, errors });
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

interface FactRow { kind: string; grp: string; outcome: string; wait_ms: number | null; talk_ms: number | null; handle_ms: number | null }

async function factsOfCall(kdb: KpiDb, callId: string): Promise<FactRow[]> {
  return kdb.db.sequelize.query<FactRow>('SELECT kind, grp, outcome, wait_ms, talk_ms, handle_ms FROM call_facts WHERE call_id = ? ORDER BY kind, n' /* kind: queue, line, agent */, { replacements: [callId], type: QueryTypes.SELECT });
}

async function allFacts(kdb: KpiDb): Promise<unknown[]> {
  return kdb.db.sequelize.query('SELECT * FROM call_facts ORDER BY call_id, kind, n', { type: QueryTypes.SELECT });
}

test.serial('given a call written through the journal as it happens, when its end and later its wrap-up end are written, then its facts follow and the reports agree; writing the batches again changes nothing', async (t) => {
  const { kdb, store, errors } = t.context;
  const tl = call({ tenant: 'habitat', did: TENANTS.habitat.did, callId: randomUUID(), line: 'technique' })
    .arrive('2026-03-30T08:00:00Z').ivr(3_000).enqueue('technique').offer('a1').ring(0).answer('a1', 6_000).agentHangup(100_000).hangup(0)
    .wrapUp(30_000).build();
  const [opened, events] = [callOpened(tl), eventEntries(tl)];
  const hangup = tl.events.find((e) => e.type === 'call.hangup');
  if (!hangup) return t.fail('no hang-up');
  const arrival = [opened, ...events.slice(0, 4), { kind: 'call-update', callId: tl.callId, update: { answeredAt: tl.events[1]?.at } } as JournalEntry];
  const queue = events.slice(4, 8); // queue.entered, agent.offered, agent.ringing, agent.answered
  const end = [...events.slice(8, 10), callEnded(tl.callId, hangup.at)]; // agent.hangup, call.hangup, the call's end
  const wrapUp = events.slice(10); // agent.wrapup_ended, written later
  t.deepEqual([...queue, ...end, ...wrapUp].map((e) => (e.kind === 'event' ? e.event.type : e.kind)),
    ['queue.entered', 'agent.offered', 'agent.ringing', 'agent.answered', 'agent.hangup', 'call.hangup', 'call-update', 'agent.wrapup_ended']);

  await store.apply(arrival);
  await store.apply(queue);
  t.deepEqual(await factsOfCall(kdb, tl.callId), [], 'not summarised while it lasts');

  await store.apply(end);
  t.deepEqual(await factsOfCall(kdb, tl.callId), [
    { kind: 'queue', grp: 'technique', outcome: 'answered', wait_ms: 6_000, talk_ms: 100_000, handle_ms: 100_000 },
    { kind: 'line', grp: 'technique', outcome: 'answered', wait_ms: 6_000, talk_ms: 100_000, handle_ms: 100_000 },
    { kind: 'agent', grp: 'a1', outcome: 'answered', wait_ms: null, talk_ms: 100_000, handle_ms: 100_000 },
  ]);
  const day = { from: new Date('2026-03-30T00:00:00+02:00'), to: new Date('2026-03-31T00:00:00+02:00') };
  for (const bucket of ['day', 'hour', 'half-hour'] as const) {
    const { facts, events: reference } = await bothReports(kdb, 'habitat', { ...day, bucket });
    t.deepEqual(facts, reference, `at the end, per ${bucket}`);
  }
  t.like((await bothReports(kdb, 'habitat', { ...day, bucket: 'day' })).facts.totals.agents.find((r) => r.agent === 'a1'), { offered: 1, taken: 1, handled: 1, averageTalkMs: 100_000, averageHandleMs: 100_000 });

  await store.apply(wrapUp);
  t.deepEqual((await factsOfCall(kdb, tl.callId)).map((f) => [f.kind, f.talk_ms, f.handle_ms]), [['queue', 100_000, 130_000], ['line', 100_000, 130_000], ['agent', 100_000, 130_000]], 'handle time = talk + wrap-up');
  for (const bucket of ['day', 'hour', 'half-hour'] as const) {
    const { facts, events: reference } = await bothReports(kdb, 'habitat', { ...day, bucket });
    t.deepEqual(facts, reference, `after the wrap-up, per ${bucket}`);
  }
  t.like((await bothReports(kdb, 'habitat', { ...day, bucket: 'day' })).facts.totals.agents.find((r) => r.agent === 'a1'), { handled: 1, averageTalkMs: 100_000, averageHandleMs: 130_000 });

  const [sums, facts] = [await slotsTable(kdb), await allFacts(kdb)];
  for (const batch of [arrival, queue, end, wrapUp, [...arrival, ...queue, ...end, ...wrapUp]]) await store.apply(batch);
  t.deepEqual(await slotsTable(kdb), sums, 'the same sums after the batches are written again');
  t.deepEqual(await allFacts(kdb), facts, 'the same facts');
  const [{ n } = { n: -1 }] = await kdb.db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM call_events WHERE call_id = ?', { replacements: [tl.callId], type: QueryTypes.SELECT });
  t.is(Number(n), tl.events.length, 'no event twice');
  t.deepEqual(errors, []);
});

const WINDOWS: { tenant: TenantSlug; from: string; to: string }[] = [
  { tenant: 'habitat', from: '2026-03-27T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
  { tenant: 'energie', from: '2026-02-13T00:00:00+01:00', to: '2026-02-18T00:00:00+00:00' },
];

test.serial('given many calls written through the journal in time order, in batches, then once they have ended every figure from the sums equals the event-stream report', async (t) => {
  const { kdb, store, errors } = t.context;
  const timelines = WINDOWS.flatMap((w, i) => randomCalls(500 + i, 120, {
    from: Date.parse(w.from), to: Date.parse(w.to), ids: { tenant: w.tenant, did: TENANTS[w.tenant].did }, callId: randomUUID,
  }).timelines.filter((tl) => tl.events.some((e) => e.type === 'call.hangup'))); // calls still live have no facts yet
  const entries = liveEntries(timelines);
  for (let i = 0; i < entries.length; i += 37) await store.apply(entries.slice(i, i + 37));
  const [{ n } = { n: -1 }] = await kdb.db.sequelize.query<{ n: number }>('SELECT COUNT(DISTINCT call_id) AS n FROM call_facts WHERE call_id IN (?)', { replacements: [timelines.map((tl) => tl.callId)], type: QueryTypes.SELECT });
  t.is(Number(n), timelines.filter((tl) => summariseCall(tl).facts.length > 0).length, 'every ended call that counts somewhere is summarised');
  for (const w of WINDOWS) {
    for (const bucket of ['day', 'hour', 'half-hour'] as const) {
      const { facts, events, units } = await bothReports(kdb, w.tenant, { from: new Date(w.from), to: new Date(w.to), bucket, serviceLevelSeconds: 20 });
      t.deepEqual(facts, events, `${w.tenant}, ${bucket}`);
      t.true(units > 100, 'the window has calls');
    }
  }
  t.deepEqual(errors, []);
});
