// What a batch costs MariaDB, on a real server: one transaction with one statement per table
// (calls, call events, agent events, recordings, the calls' updates) whatever the number of
// entries; written again it changes nothing; the isolation level is set once per connection
// (MariaDB's own Com_set_option counter) and never per transaction; and entries appended one by
// one through the journal within its linger go in one transaction.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection.js';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import type { JournalEntry, JournalWrite } from './entries.js';
import { CallJournal, type JournalScheduler } from './journal.js';
import { SqlJournalStore } from './sql-store.js';

interface Db { sequelize: Sequelize; models: Models; sql: string[] }
const test = anyTest as TestFn<{ scratch: ScratchDb; open: Sequelize[] }>;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

test.before(async (t) => {
  const scratch = await createScratchDb();
  await migrateUp(scratch.sequelize);
  const m = initModels(scratch.sequelize);
  const tenant = await m.Tenant.create({ slug: 'habitat', name: 'habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const line = await m.Line.create({ tenantId: tenant.id, slug: 'technique', label: 'Technique' });
  await m.PhoneNumber.create({ tenantId: tenant.id, lineId: line.id, did: '33170000001' });
  await m.Site.create({ name: 'primary', role: 'primary', country: 'FR', hostname: 'ccapp-primary' });
  Object.assign(t.context, { scratch, open: [] });
});
test.after.always(async (t) => {
  await Promise.all((t.context.open ?? []).map((s) => s.close()));
  await t.context.scratch?.drop();
});

/** A pool of one connection (its session counters are ours), logging every statement. */
function connect(t: { context: { scratch: ScratchDb; open: Sequelize[] } }): Db {
  const sql: string[] = [];
  const { server, name } = t.context.scratch;
  const sequelize = createSequelize({ ...server, database: name, poolMax: 1, logging: (s) => sql.push(s.replace(/^Executing \([^)]*\): /, '')) });
  t.context.open.push(sequelize);
  return { sequelize, models: initModels(sequelize), sql };
}

/** `calls` calls' lives (opened, events, answered and ended, recorded) and an agent's events. */
function entries(calls: number): JournalEntry[] {
  const at = (ms: number) => new Date(Date.UTC(2026, 10, 22, 8, 0) + ms);
  const out: JournalEntry[] = [];
  for (let i = 0; i < calls; i++) {
    const id = randomUUID();
    out.push({ kind: 'call', call: { id, tenant: 'habitat', line: 'technique', did: '33170000001', direction: 'inbound', callerId: null, channelId: `ch${i}`, startedAt: at(i) } });
    for (let seq = 1; seq <= 4; seq++) out.push({ kind: 'event', event: { id: randomUUID(), callId: id, tenant: 'habitat', type: `test.step_${seq}`, at: at(i + seq), seq } });
    out.push({ kind: 'call-update', callId: id, update: { answeredAt: at(i + 1) } });
    out.push({ kind: 'recording', recording: { id: randomUUID(), callId: id, tenant: 'habitat', name: `habitat/${id}`, path: `/r/${id}.wav`, format: 'wav', startedAt: at(i + 2), durationMs: 1000, sizeBytes: 16_000, sha256: null } });
    out.push({ kind: 'call-update', callId: id, update: { endedAt: at(i + 9), hangupCause: 16, hangupReason: 'caller' } });
    out.push({ kind: 'agent-event', event: { id: randomUUID(), tenant: 'habitat', agentId: `agent-${i}`, type: 'agent.state', at: at(i + 3), data: { from: 'ringing', to: 'on_call' } } });
  }
  return out;
}

async function rows(db: Db, table: string): Promise<number> {
  const [row] = await db.sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, { type: QueryTypes.SELECT });
  return Number(row?.n);
}

async function setOptionCount(db: Db): Promise<number> {
  const [row] = await db.sequelize.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Com_set_option'", { type: QueryTypes.SELECT });
  return Number(row?.Value);
}

test.serial('given a batch of several calls, when the store writes it, then it is one transaction with one statement per table, and written again it adds nothing', async (t) => {
  const db = connect(t);
  const store = new SqlJournalStore(db.sequelize, db.models, 'primary');
  await store.apply(entries(1)); // the directory (tenants, numbers, lines, sites) is read once, here
  const batch = entries(5);
  t.is(batch.length, 45);
  db.sql.length = 0;

  const write = await store.apply(batch);

  t.deepEqual(write, { transactions: 1, statements: 7 });
  t.deepEqual(db.sql.map((s) => /^(START|COMMIT|INSERT INTO \S+|UPDATE \S+)/.exec(s)?.[0]), [
    'START', 'INSERT INTO `calls`', 'INSERT INTO call_events', 'INSERT INTO agent_events', 'INSERT INTO `recordings`', 'UPDATE calls', 'COMMIT',
  ]);
  const counts = async () => Promise.all(['calls', 'call_events', 'agent_events', 'recordings'].map((table) => rows(db, table)));
  t.deepEqual(await counts(), [6, 24, 6, 6]);
  const ended = await db.models.Call.findAll({ where: { id: batch.flatMap((e) => (e.kind === 'call' ? [e.call.id] : [])) } });
  t.true(ended.every((c) => c.answeredAt !== null && c.endedAt !== null && c.hangupCause === 16 && c.hangupReason === 'caller'), 'both updates of each call merged');

  await store.apply(batch);
  t.deepEqual(await counts(), [6, 24, 6, 6], 'nothing twice');
});

test.serial('given connections of the pool, when the journal writes batch after batch, then READ COMMITTED is set once per connection and never per transaction', async (t) => {
  const db = connect(t);
  await db.sequelize.query('SELECT 1'); // a connection opened before the store: set up when next taken
  const store = new SqlJournalStore(db.sequelize, db.models, 'primary');
  await store.apply(entries(1));
  const [session] = await db.sequelize.query<{ level: string }>('SELECT @@SESSION.transaction_isolation AS level', { type: QueryTypes.SELECT });
  t.is(session?.level, 'READ-COMMITTED');
  const before = await setOptionCount(db);
  db.sql.length = 0;

  for (let i = 0; i < 5; i++) await store.apply(entries(2));

  t.is(await setOptionCount(db) - before, 0, 'no SET statement on the connection (Com_set_option)');
  t.deepEqual(db.sql.filter((s) => /^SET /i.test(s)), []);
  t.is(db.sql.filter((s) => s.startsWith('START TRANSACTION')).length, 5);
});

test.serial('given entries appended one by one as a call step appends them, when the linger ends, then they go in one transaction', async (t) => {
  const db = connect(t);
  const store = new SqlJournalStore(db.sequelize, db.models, 'primary');
  await store.apply(entries(1));
  const timers: (() => void)[] = [];
  const schedule: JournalScheduler = (run) => {
    timers.push(run);
    return () => undefined;
  };
  const commits: JournalWrite[] = [];
  const journal = new CallJournal(store, quiet, { schedule, onCommitted: (w) => commits.push(w) });
  const batch = entries(2);
  for (const entry of batch) journal.append(entry);
  t.deepEqual(commits, [], 'nothing before the linger ends');
  for (const run of timers.splice(0)) run();
  await journal.idle();
  journal.stop();
  t.deepEqual(commits, [{ transactions: 1, statements: 7 }]);
});
