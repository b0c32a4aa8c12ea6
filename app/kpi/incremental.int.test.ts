// The sums kept call by call (added, taken off), on a real MariaDB, against a full
// re-aggregation: after a mix of calls written through the journal (a replayed batch, wrap-ups
// written after the call was summarised, a call whose wait got shorter), the slot and day sums
// equal what `kpi rebuild` makes from the events. A call whose agent the journal sees wrapping
// it up is summarised once, at the wrap-up end; one a stopped process left waiting is found by
// the next store. And a summary reads as many rows in a busy slot as in an empty one.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes, type Transaction } from 'sequelize';
import { createSequelize } from '../../db/connection.js';
import { initModels } from '../../db/models/index.js';
import type { JournalEntry } from '../journal/entries.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import type { CallSummariser } from '../journal/summaries.js';
import { KpiFactStore } from './fact-store.js';
import { journalStoreWithKpis, KpiSummariser } from './summariser.js';
import { callEnded, callOpened, createKpiDb, eventEntries, liveEntries, TENANTS, type KpiDb } from './test-db.js';
import { bothReports, slotsTable } from './test-reports.js';
import { call, randomCalls } from './test-support.js';
import type { CallTimeline } from './types.js';

const test = anyTest as TestFn<{ kdb: KpiDb }>;
test.before(async (t) => {
  t.context.kdb = await createKpiDb();
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

const quiet = { error: () => undefined };
const WINDOW = { from: '2026-03-27T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };
const habitat = (callId = randomUUID()) => call({ tenant: 'habitat', did: TENANTS.habitat.did, callId, line: 'technique' });

async function factsOf(kdb: KpiDb, callId: string): Promise<{ outcome: string; wait_ms: number | null; handle_ms: number | null }[]> {
  return kdb.db.sequelize.query('SELECT outcome, wait_ms, handle_ms FROM call_facts WHERE call_id = ? ORDER BY kind, n', { replacements: [callId], type: QueryTypes.SELECT });
}

/** The agent's state change as the ACD journals it (an agent event). */
const agentState = (agent: string, from: string, to: string, at: Date): JournalEntry =>
  ({ kind: 'agent-event', event: { id: randomUUID(), tenant: 'habitat', agentId: agent, type: 'agent.state', at, data: { agent, from, to } } });

/** Counts the calls it is asked to summarise, then summarises them. */
class Counting implements CallSummariser {
  readonly asked: string[] = [];
  constructor(private readonly inner: KpiSummariser) {}
  async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    this.asked.push(...callIds);
    await this.inner.summarise(callIds, transaction);
  }
}

test.serial('given a mix of calls written through the journal, with a replayed batch, late wrap-ups and a wait that got shorter, then the sums kept call by call equal a full re-aggregation', async (t) => {
  const { kdb } = t.context;
  const store = journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', quiet);
  const random = randomCalls(77, 150, { from: Date.parse(WINDOW.from), to: Date.parse(WINDOW.to), ids: { tenant: 'habitat', did: TENANTS.habitat.did }, callId: randomUUID })
    .timelines.filter((tl) => tl.events.some((e) => e.type === 'call.hangup'));
  const live = liveEntries(random);
  const batches: JournalEntry[][] = [];
  for (let i = 0; i < live.length; i += 37) batches.push(live.slice(i, i + 37));
  for (const [i, batch] of batches.entries()) {
    await store.apply(batch);
    if (i % 5 === 0) await store.apply(batch); // written again: a retry after a lost connection
  }
  // Wrap-ups written after the calls were summarised at their end: their facts change.
  const wrapped = [0, 1, 2].map((i) => habitat().arrive(`2026-03-30T09:0${i}:00Z`).ivr(1_000).enqueue('technique').offer('a1').ring(0).answer('a1', 5_000 + i).agentHangup(90_000).hangup(0).wrapUp(20_000 * (i + 1)).build());
  for (const tl of wrapped) {
    const events = eventEntries(tl);
    const hangup = tl.events.find((e) => e.type === 'call.hangup')?.at ?? new Date(0);
    await store.apply([callOpened(tl), ...events.slice(0, -1), callEnded(tl.callId, hangup)]);
    await store.apply(events.slice(-1));
    t.is((await factsOf(kdb, tl.callId))[0]?.handle_ms, 90_000 + 20_000 * (tl === wrapped[0] ? 1 : tl === wrapped[1] ? 2 : 3));
  }
  // A long abandoned wait (the slot's longest), then an answer written late: its wait shrinks.
  const shrunk = habitat().arrive('2026-03-30T09:00:30Z').enqueue('technique').answer('a2', 30_000).hangup(400_000).build();
  const shrunkEvents = eventEntries(shrunk);
  const answer = shrunkEvents.find((e) => e.kind === 'event' && e.event.type === 'agent.answered');
  await store.apply([callOpened(shrunk), ...shrunkEvents.filter((e) => e !== answer), callEnded(shrunk.callId, shrunk.events.at(-1)?.at ?? new Date(0))]);
  t.like((await factsOf(kdb, shrunk.callId))[0], { outcome: 'abandoned', wait_ms: 430_000 });
  if (answer) await store.apply([answer]);
  t.is(await new KpiFactStore(kdb.db.sequelize).refresh(shrunk.callId), 'saved');
  t.like((await factsOf(kdb, shrunk.callId))[0], { outcome: 'answered', wait_ms: 30_000 });

  const incremental = await slotsTable(kdb);
  const rebuilt = await new KpiFactStore(kdb.db.sequelize).rebuild({ tenant: 'habitat', from: new Date(WINDOW.from), to: new Date(WINDOW.to) });
  t.true(rebuilt.calls >= random.length);
  t.deepEqual(await slotsTable(kdb), incremental, 'the same slots and days as recomputed from the events');
  for (const bucket of ['day', 'half-hour'] as const) {
    const { facts, events } = await bothReports(kdb, 'habitat', { from: new Date(WINDOW.from), to: new Date(WINDOW.to), bucket });
    t.deepEqual(facts, events, bucket);
  }
});

test.serial('given the agent\'s wrap-up seen by the journal, when the call\'s end and later the wrap-up end are written, then the call is summarised once, at the wrap-up end', async (t) => {
  const { kdb } = t.context;
  const counting = new Counting(new KpiSummariser(new KpiFactStore(kdb.db.sequelize)));
  const store = new SqlJournalStore(kdb.db.sequelize, kdb.models, 'primary', { summariser: counting, log: quiet });
  const tl = habitat().arrive('2026-03-30T11:00:00Z').ivr(2_000).enqueue('technique').offer('a3').ring(0).answer('a3', 4_000).agentHangup(60_000).hangup(0).wrapUp(15_000).build();
  const ev = eventEntries(tl);
  const at = (type: string) => tl.events.find((e) => e.type === type)?.at ?? new Date(0);
  t.deepEqual(ev.slice(8).map((e) => (e.kind === 'event' ? e.event.type : '')), ['agent.hangup', 'call.hangup', 'agent.wrapup_ended']);
  await store.apply([callOpened(tl), ...ev.slice(0, 8), agentState('a3', 'ringing', 'on_call', at('agent.answered'))]);
  await store.apply([ev[8] as JournalEntry, agentState('a3', 'on_call', 'wrap_up', at('agent.hangup')), ev[9] as JournalEntry, callEnded(tl.callId, at('call.hangup'))]);
  t.deepEqual(await factsOf(kdb, tl.callId), [], 'waiting for the wrap-up end');
  t.deepEqual(store.waits.waitingCalls, [tl.callId]);
  await store.apply([ev[10] as JournalEntry, agentState('a3', 'wrap_up', 'available', at('agent.wrapup_ended'))]);
  t.deepEqual(counting.asked, [tl.callId], 'summarised once');
  t.deepEqual((await factsOf(kdb, tl.callId)).map((f) => f.handle_ms), [75_000, 75_000, 75_000]);
  const { facts, events } = await bothReports(kdb, 'habitat', { from: new Date('2026-03-30T11:00:00Z'), to: new Date('2026-03-30T12:00:00Z'), bucket: 'hour' });
  t.deepEqual(facts, events);
});

test.serial('given a call left waiting for its wrap-up end by a process that stopped, when a new store writes its first batch, then the call is summarised', async (t) => {
  const { kdb } = t.context;
  const tl = habitat().arrive('2026-03-30T12:00:00Z').enqueue('technique').offer('a4').ring(0).answer('a4', 3_000).hangup(50_000).build();
  const stopped = journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', quiet);
  const answered = tl.events.find((e) => e.type === 'agent.answered')?.at ?? new Date(0);
  await stopped.apply([callOpened(tl), ...eventEntries(tl), agentState('a4', 'on_call', 'wrap_up', answered), callEnded(tl.callId, tl.events.at(-1)?.at ?? new Date(0))]);
  t.deepEqual(await factsOf(kdb, tl.callId), []);
  const next = journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', quiet, () => new Date('2026-03-30T12:30:00Z'));
  await next.apply([agentState('a4', 'wrap_up', 'available', new Date('2026-03-30T12:29:00Z'))]);
  t.is((await factsOf(kdb, tl.callId)).length, 3);
});

test.serial('given a slot filling up with calls, when each is summarised, then the last reads no more rows than the first', async (t) => {
  const { kdb } = t.context;
  const { server, name } = kdb.db;
  const sequelize = createSequelize({ ...server, database: name, poolMax: 1 }); // its session's counters are the store's
  try {
    const store = journalStoreWithKpis(sequelize, initModels(sequelize), 'primary', quiet);
    // Rows the session's statements read, by whatever access (MariaDB's Handler_read_* counters).
    const rowsRead = async (): Promise<number> => (await sequelize.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Handler_read%'", { type: QueryTypes.SELECT }))
      .reduce((sum, r) => sum + Number(r.Value), 0);
    const costs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const tl: CallTimeline = habitat().arrive(new Date(Date.parse('2026-03-31T10:00:00Z') + i * 10_000)).enqueue('commercial').offer('a5').ring(0).answer('a5', 2_000).hangup(5_000).build();
      const before = await rowsRead();
      await store.apply([callOpened(tl), ...eventEntries(tl), callEnded(tl.callId, tl.events.at(-1)?.at ?? new Date(0))]);
      costs.push(await rowsRead() - before);
    }
    const [second, last] = [costs[1] ?? 0, costs.at(-1) ?? 0];
    t.log(`rows read per call: ${costs.join(' ')}`);
    t.true(last <= second, `the 40th call read ${last} rows, the 2nd ${second}`);
  } finally {
    await sequelize.close();
  }
});
