// The spooled journal against a real MariaDB: a child process that cannot reach the database
// appends entries and is SIGKILLed; a fresh journal on its spool writes every entry exactly once,
// in order. And agents' own events round-trip through the store into agent_events.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes } from 'sequelize';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import type { JournalEntry } from './entries.js';
import { CallJournal, type JournalLog } from './journal.js';
import { JournalDataError } from './reject.js';
import { encodeEntry } from './spool-format.js';
import { SqlJournalStore } from './sql-store.js';

const test = anyTest as TestFn<{ db: ScratchDb; m: Models; tmp: string }>;
const here = (file: string) => new URL(file, import.meta.url).href;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const quiet: JournalLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const m = initModels(db.sequelize);
  for (const slug of ['habitat', 'energie']) {
    const tenant = await m.Tenant.create({ slug, name: slug, country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
    const line = await m.Line.create({ tenantId: tenant.id, slug: 'technique', label: 'Technique' });
    await m.PhoneNumber.create({ tenantId: tenant.id, lineId: line.id, did: slug === 'habitat' ? '33170000001' : '212520000001' });
  }
  Object.assign(t.context, { db, m, tmp: await mkdtemp(path.join(tmpdir(), 'ccapp-journal-int-')) });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
  if (t.context.tmp) await rm(t.context.tmp, { recursive: true, force: true });
});

/** A call's life as the call flows append it: opened, events (some in the same ms), answered and ended, recorded. */
function callEntries(tenant: string, did: string, events: number, start: number): JournalEntry[] {
  const id = randomUUID();
  const out: JournalEntry[] = [{ kind: 'call', call: { id, tenant, line: 'technique', did, direction: 'inbound', callerId: '33600000001', channelId: `${start}.1`, startedAt: new Date(start) } }];
  for (let seq = 1; seq <= events; seq++) {
    out.push({ kind: 'event', event: { id: randomUUID(), callId: id, tenant, type: `test.step_${seq}`, at: new Date(start + Math.floor(seq / 3)), seq, data: { seq } } });
  }
  out.push({ kind: 'call-update', callId: id, update: { answeredAt: new Date(start + 1), endedAt: new Date(start + 60_000), hangupCause: 16, hangupReason: 'caller' } });
  out.push({ kind: 'recording', recording: { id: randomUUID(), callId: id, tenant, name: `${tenant}/${id}`, path: `/r/${id}.wav`, format: 'wav', startedAt: new Date(start + 2), durationMs: 58_000, sizeBytes: 928_044, sha256: null } });
  return out;
}
function agentEntries(tenant: string, count: number, start: number): JournalEntry[] {
  const agentId = randomUUID();
  return Array.from({ length: count }, (_, i) => ({ kind: 'agent-event', event: { id: randomUUID(), tenant, agentId, type: i % 2 ? 'agent.state' : 'agent.registration', at: new Date(start + i), data: { n: i, reason: 'déjeuner' } } }));
}

// Runs in the child (node --import tsx): a journal whose MariaDB is a closed port appends every
// entry, reports once it has tried to write and failed, then waits to be killed.
const CHILD = `
  import { readFileSync } from 'node:fs';
  const { CallJournal } = await import(${JSON.stringify(here('./journal.ts'))});
  const { SqlJournalStore } = await import(${JSON.stringify(here('./sql-store.ts'))});
  const { decodeEntry } = await import(${JSON.stringify(here('./spool-format.ts'))});
  const { createSequelize } = await import(${JSON.stringify(here('../../db/connection.ts'))});
  const { initModels } = await import(${JSON.stringify(here('../../db/models/index.ts'))});
  const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
  const sequelize = createSequelize({ host: '127.0.0.1', port: 1, database: 'none', user: 'none', password: 'none' });
  const log = { info: () => {}, error: (o, msg) => say({ msg }), warn: (o, msg) => say({ msg, pending: o.pending }) };
  const journal = await CallJournal.open(new SqlJournalStore(sequelize, initModels(sequelize), 'none'), log, { spoolDir: process.env.SPOOL_DIR, maxSegmentBytes: 4096 });
  const lines = readFileSync(process.env.ENTRIES, 'utf8').split('\\n').filter(Boolean);
  for (const line of lines) journal.append(decodeEntry(line));
  say({ appended: lines.length, pending: journal.pending });
  setInterval(() => {}, 60_000);
`;

/** Starts the child and resolves with what it said once it failed to reach MariaDB; then SIGKILLs it. */
async function appendInChildAndKill(spoolDir: string, entriesFile: string): Promise<{ said: Record<string, unknown>[]; signal: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: repo, env: { ...process.env, SPOOL_DIR: spoolDir, ENTRIES: entriesFile }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const said: Record<string, unknown>[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        said.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
        buffer = buffer.slice(nl + 1);
      }
      if (said.some((s) => 'appended' in s) && said.some((s) => /cannot write/.test(String(s.msg)))) resolve();
    });
    void exited.then((signal) => reject(new Error(`the child exited early (${signal}): ${JSON.stringify(said)}`)));
  });
  child.kill('SIGKILL');
  return { said, signal: await exited };
}

async function count(t: { context: { db: ScratchDb } }, sql: string): Promise<number> {
  const [row] = await t.context.db.sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row?.n);
}

test.serial('given a process killed while MariaDB is unreachable, when a fresh journal opens its spool, then every entry is written exactly once, in order, and the spool is emptied', async (t) => {
  const { db, m, tmp } = t.context;
  const spoolDir = path.join(tmp, 'spool');
  const calls = [0, 1, 2, 3, 4].map((i) => callEntries(i % 2 ? 'energie' : 'habitat', i % 2 ? '212520000001' : '33170000001', 20, Date.UTC(2026, 10, 22, 8, 30, i)));
  const agents = agentEntries('energie', 10, Date.UTC(2026, 10, 22, 8, 0));
  const entries = [...calls.flat(), ...agents];
  const entriesFile = path.join(tmp, 'entries.jsonl');
  await writeFile(entriesFile, entries.map(encodeEntry).join(''));

  // Given: the child appended them all, failed to reach MariaDB, and was killed.
  const { said, signal } = await appendInChildAndKill(spoolDir, entriesFile);
  t.is(signal, 'SIGKILL');
  t.deepEqual(said.find((s) => 'appended' in s), { appended: entries.length, pending: entries.length });
  const segments = await readdir(spoolDir);
  t.true(segments.length > 1, `${segments.length} segments`);
  // A line torn by the kill (an append that never returned) must not stop the replay.
  await appendFile(path.join(spoolDir, segments.sort().at(-1) ?? ''), encodeEntry(agentEntries('energie', 1, 0)[0] as JournalEntry).slice(0, 50));
  const copy = path.join(tmp, 'spool-copy');
  await cp(spoolDir, copy, { recursive: true });

  // When: a fresh journal on the same spool, with a store on the real database.
  const journal = await CallJournal.open(new SqlJournalStore(db.sequelize, m, 'none'), quiet, { spoolDir });
  await journal.idle();
  journal.stop();

  // Then: every entry once, the events of each call in the order they were appended.
  t.deepEqual(journal.recovery, { segments: segments.length, entries: entries.length, skipped: 1 });
  t.deepEqual(await readdir(spoolDir), []);
  const eventIds = entries.flatMap((e) => (e.kind === 'event' ? [e.event.id] : []));
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM calls WHERE answered_at IS NOT NULL AND ended_at IS NOT NULL AND hangup_cause = 16'), 5);
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM recordings'), 5);
  t.is(await count(t, 'SELECT COUNT(DISTINCT id) AS n FROM call_events'), eventIds.length);
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM agent_events'), 10);
  for (const call of calls) {
    const callId = call[0]?.kind === 'call' ? call[0].call.id : '';
    const rows = await m.CallEvent.findAll({ where: { callId }, order: [['at', 'ASC'], ['seq', 'ASC']] });
    t.deepEqual(rows.map((r) => [r.id, r.seq]), call.flatMap((e) => (e.kind === 'event' ? [[e.event.id, e.event.seq]] : [])));
  }
  const stored = await m.AgentEvent.findAll({ order: [['at', 'ASC']] });
  t.deepEqual(stored.map((r) => [r.id, r.at.toISOString()]), agents.map((e) => (e.kind === 'agent-event' ? [e.event.id, e.event.at.toISOString()] : [])));

  // And: replaying the same spool again (a crash after the writes, before the deletions) adds nothing.
  const again = await CallJournal.open(new SqlJournalStore(db.sequelize, m, 'none'), quiet, { spoolDir: copy });
  await again.idle();
  again.stop();
  t.is(again.recovery.entries, entries.length);
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM call_events'), eventIds.length);
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM agent_events'), 10);
  t.is(await count(t, 'SELECT COUNT(*) AS n FROM calls'), 5);
  t.deepEqual(await readdir(copy), []);
});

test.serial('given agent events, when the store writes them (twice), then agent_events holds each once with its values', async (t) => {
  const { db, m } = t.context;
  const store = new SqlJournalStore(db.sequelize, m, 'none');
  const agentId = randomUUID();
  const at = new Date('2026-11-22T09:15:30.123Z');
  const entries: JournalEntry[] = [
    { kind: 'agent-event', event: { id: randomUUID(), tenant: 'habitat', agentId, type: 'agent.state', at, data: { from: 'available', to: 'paused', reason: 'pause déjeuner' } } },
    { kind: 'agent-event', event: { id: randomUUID(), tenant: 'habitat', agentId, type: 'agent.registration', at: new Date(at.getTime() + 1), data: { registered: false } } },
    { kind: 'agent-event', event: { id: randomUUID(), tenant: 'energie', agentId: 'a-7', type: 'agent.state', at: new Date(at.getTime() + 2) } },
  ];

  await store.apply(entries);
  await store.apply(entries);

  const rows = await initModels(db.connect()).AgentEvent.findAll({ where: { id: entries.map((e) => (e.kind === 'agent-event' ? e.event.id : '')) }, order: [['at', 'ASC']] });
  const tenants = new Map((await m.Tenant.findAll()).map((x) => [x.id, x.slug]));
  t.deepEqual(rows.map((r) => [tenants.get(r.tenantId), r.agentId, r.type, r.at.toISOString(), r.data]), [
    ['habitat', agentId, 'agent.state', '2026-11-22T09:15:30.123Z', { from: 'available', to: 'paused', reason: 'pause déjeuner' }],
    ['habitat', agentId, 'agent.registration', '2026-11-22T09:15:30.124Z', { registered: false }],
    ['energie', 'a-7', 'agent.state', '2026-11-22T09:15:30.125Z', null],
  ]);
  const bad = (event: Partial<{ tenant: string; agentId: string }>): JournalEntry[] => [{ kind: 'agent-event', event: { id: randomUUID(), tenant: 'habitat', agentId, type: 'agent.state', at, ...event } }];
  await t.throwsAsync(store.apply(bad({ tenant: 'nobody' })), { instanceOf: JournalDataError, message: /unknown tenant "nobody"/ });
  await t.throwsAsync(store.apply(bad({ agentId: 'x'.repeat(37) })), { instanceOf: JournalDataError, message: /agentId must be 1 to 36/ });
});
