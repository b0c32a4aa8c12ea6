// The live path's failures, on a real MariaDB: a batch whose summary loses a lock conflict is
// retried whole by the journal and nothing is set aside; a batch summarised while another writer
// changes the same sums still goes through (READ COMMITTED: on MariaDB 11.8 a REPEATABLE READ
// batch fails there with errno 1020); a summary that fails for good leaves the entries written;
// `kpi rebuild` run again and again while the journal writes calls leaves the sums exact.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { initModels } from '../../db/models/index.js';
import type { JournalEntry } from '../journal/entries.js';
import { CallJournal } from '../journal/journal.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import type { CallSummariser } from '../journal/summaries.js';
import { KpiFactStore } from './fact-store.js';
import { summariseCall } from './facts.js';
import { journalStoreWithKpis, KpiSummariser } from './summariser.js';
import { runKpiCommand } from './cli.js';
import { callEnded, callOpened, createKpiDb, eventEntries, liveEntries, TENANTS, type KpiDb } from './test-db.js';
import { bothReports } from './test-reports.js';
import { call, randomCalls } from './test-support.js';
import type { CallTimeline } from './types.js';

const test = anyTest as TestFn<{ kdb: KpiDb }>;

test.before(async (t) => {
  t.context.kdb = await createKpiDb();
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const DAY = { from: new Date('2026-03-30T00:00:00+02:00'), to: new Date('2026-03-31T00:00:00+02:00'), bucket: 'hour' as const };

/** An answered call of habitat's technique queue, taken by a1, arriving at `at`. */
function answered(at: string): CallTimeline {
  return call({ tenant: 'habitat', did: TENANTS.habitat.did, callId: randomUUID(), line: 'technique' })
    .arrive(at).ivr(2_000).enqueue('technique').offer('a1').ring(0).answer('a1', 4_000).hangup(60_000).build();
}

/** The call's whole life as the journal writes it, ending with the call's end. */
function lifeOf(tl: CallTimeline): JournalEntry[] {
  const end = tl.events.at(-1)?.at ?? new Date(0);
  return [callOpened(tl), ...eventEntries(tl), callEnded(tl.callId, end)];
}

async function count(kdb: KpiDb, sql: string, callId: string): Promise<number> {
  const [row] = await kdb.db.sequelize.query<{ n: number }>(sql, { replacements: [callId], type: QueryTypes.SELECT });
  return Number(row?.n ?? -1);
}
const eventsOf = (kdb: KpiDb, callId: string) => count(kdb, 'SELECT COUNT(*) AS n FROM call_events WHERE call_id = ?', callId);
const factsOf = (kdb: KpiDb, callId: string) => count(kdb, 'SELECT COUNT(*) AS n FROM call_facts WHERE call_id = ?', callId);

test.serial('given the tenant\'s sums locked by another writer, when the journal writes a call\'s end, then the batch fails as transient, is kept whole and written once the lock is gone', async (t) => {
  const { kdb } = t.context;
  await journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', quiet).apply(lifeOf(answered('2026-03-30T07:00:00Z'))); // the tenant's day-zone row exists
  // The journal's own connections give up a lock wait after 1 s (50 s by default).
  const sequelize = kdb.db.connect();
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    await (connection as { query(sql: string): Promise<unknown> }).query('SET SESSION innodb_lock_wait_timeout = 1');
  });
  const store = journalStoreWithKpis(sequelize, initModels(sequelize), 'primary', quiet);
  let failed: (err: string) => void = () => undefined;
  const firstFailure = new Promise<string>((resolve) => (failed = resolve));
  const rejected: JournalEntry[] = [];
  const journal = new CallJournal(store, { ...quiet, warn: (obj) => failed(String((obj as { err?: unknown }).err)) }, { onRejected: (e) => rejected.push(e) });

  const holder = await kdb.db.sequelize.transaction();
  const tl = answered('2026-03-30T08:00:00Z');
  const entries = lifeOf(tl);
  try {
    await kdb.db.sequelize.query('SELECT * FROM kpi_day_zones WHERE tenant_id = ? FOR UPDATE', { replacements: [kdb.tenantIds.habitat], transaction: holder });
    journal.append(...entries);
    t.regex(await firstFailure, /Lock wait timeout/);
    t.is(journal.pending, entries.length, 'every entry kept');
    t.is(await eventsOf(kdb, tl.callId), 0, 'the batch was rolled back whole');
  } finally {
    await holder.commit();
  }
  await journal.idle();
  journal.stop();
  t.deepEqual(rejected, [], 'nothing set aside');
  t.is(await eventsOf(kdb, tl.callId), tl.events.length);
  t.is(await factsOf(kdb, tl.callId), 3, 'queue, line and agent units');
  const { facts, events } = await bothReports(kdb, 'habitat', DAY);
  t.deepEqual(facts, events);
});

/** Lets another writer commit between the batch's first read and the summary's locking reads. */
class Interleaved implements CallSummariser {
  constructor(private readonly sequelize: Sequelize, private readonly inner: CallSummariser, private readonly meanwhile: () => Promise<unknown>) {}

  async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    await this.sequelize.query('SELECT COUNT(*) FROM kpi_slots', { transaction }); // under REPEATABLE READ the snapshot starts here
    await this.meanwhile();
    await this.inner.summarise(callIds, transaction);
  }
}

test.serial('given another writer that changes the same sums while a batch is summarised, then the batch still goes through and the sums count both calls', async (t) => {
  const { kdb } = t.context;
  const first = answered('2026-03-30T10:00:00Z'), other = answered('2026-03-30T10:01:00Z'), last = answered('2026-03-30T10:02:00Z');
  const sequelize = kdb.db.sequelize;
  await journalStoreWithKpis(sequelize, kdb.models, 'primary', quiet).apply(lifeOf(first)); // its slot cells exist
  await kdb.write([other]); // stored, not summarised yet
  const elsewhere = new KpiFactStore(kdb.db.connect());
  const summariser = new Interleaved(sequelize, new KpiSummariser(new KpiFactStore(sequelize)), () => elsewhere.save(summariseCall(other)));
  const errors: object[] = [];
  await new SqlJournalStore(sequelize, kdb.models, 'primary', { summariser, log: { error: (o) => errors.push(o) } }).apply(lifeOf(last));
  t.deepEqual(errors, []);
  for (const tl of [first, other, last]) t.is(await factsOf(kdb, tl.callId), 3);
  const { facts, events } = await bothReports(kdb, 'habitat', { from: new Date('2026-03-30T10:00:00Z'), to: new Date('2026-03-30T11:00:00Z'), bucket: 'hour' });
  t.deepEqual(facts, events);
  t.like(facts.totals.queues.find((r) => r.group === 'technique'), { offered: 3, answered: 3 });
});

/** Summarises, then fails for one call: as a bug or an unexpected value would. */
class FailsFor implements CallSummariser {
  constructor(private readonly inner: CallSummariser, private readonly bad: string) {}

  async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    await this.inner.summarise(callIds, transaction);
    if (callIds.includes(this.bad)) throw new RangeError(`cannot summarise ${this.bad}`);
  }
}

test.serial('given a summary that fails for good for one call, when the batch is written, then every entry is written, the other call is summarised, and the failure is logged', async (t) => {
  const { kdb } = t.context;
  const good = answered('2026-03-30T12:00:00Z'), bad = answered('2026-03-30T12:00:30Z');
  const errors: object[] = [];
  const summariser = new FailsFor(new KpiSummariser(new KpiFactStore(kdb.db.sequelize)), bad.callId);
  const store = new SqlJournalStore(kdb.db.sequelize, kdb.models, 'primary', { summariser, log: { error: (o) => errors.push(o) } });
  await store.apply([...lifeOf(good), ...lifeOf(bad)]);
  t.is(await eventsOf(kdb, good.callId), good.events.length);
  t.is(await eventsOf(kdb, bad.callId), bad.events.length, 'the failed call\'s entries are written all the same');
  t.is(await factsOf(kdb, good.callId), 3);
  t.is(await factsOf(kdb, bad.callId), 0, 'its partial summary was rolled back');
  t.deepEqual(errors, [{ callId: bad.callId, err: `cannot summarise ${bad.callId}` }]);
  // A rebuild (cli.js kpi rebuild) repairs it.
  await new KpiFactStore(kdb.db.sequelize).rebuild({ tenant: 'habitat', ...DAY });
  t.is(await factsOf(kdb, bad.callId), 3);
  const { facts, events } = await bothReports(kdb, 'habitat', DAY);
  t.deepEqual(facts, events);
});

test.serial('given "kpi rebuild" running over a period again and again while the journal writes its calls as they happen, then nothing fails or is set aside and the sums equal the event-stream report', async (t) => {
  const { kdb } = t.context;
  const from = '2026-03-20T00:00:00+00:00', to = '2026-03-25T00:00:00+01:00';
  const timelines = randomCalls(909, 150, { from: Date.parse(from), to: Date.parse(to), ids: { tenant: 'energie', did: TENANTS.energie.did }, callId: randomUUID })
    .timelines.filter((tl) => tl.events.some((e) => e.type === 'call.hangup'));
  const rejected: JournalEntry[] = [];
  const journal = new CallJournal(journalStoreWithKpis(kdb.db.sequelize, kdb.models, 'primary', quiet), quiet, { batchSize: 20, onRejected: (e) => rejected.push(e) });
  let written = false;
  journal.append(...liveEntries(timelines));
  const idle = journal.idle().then(() => (written = true));
  const err: string[] = [];
  let rebuilds = 0;
  const cli = kdb.db.connect(); // the command's own connections
  do {
    const status = await runKpiCommand(['rebuild', '--tenant', 'energie', '--from', from, '--to', to], (work) => work(cli), { out: () => undefined, err: (l) => err.push(l) });
    t.is(status, 0, err.join('\n'));
    rebuilds++;
  } while (!written);
  await idle;
  journal.stop();
  t.true(rebuilds >= 1);
  t.deepEqual(rejected, []);
  for (const bucket of ['day', 'half-hour'] as const) {
    const { facts, events, units } = await bothReports(kdb, 'energie', { from: new Date(from), to: new Date(to), bucket });
    t.deepEqual(facts, events, bucket);
    t.true(units > 100);
  }
  t.log(`${rebuilds} rebuilds while the journal wrote ${timelines.length} calls`);
});
