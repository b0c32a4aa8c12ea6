// The panel's queries on a real MariaDB: a caller's previous calls (newest first, ten at most,
// from the calls_tenant_caller index, with outcome and agent), a call's IVR path, who handled a
// call, and the KPI report's AHT per reason joining summaries to wrap-ups.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes } from 'sequelize';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AgentDirectory, type AgentRecord } from '../agents/directory.js';
import { SLOT_MS } from '../kpi/facts.js';
import { reasonSums } from '../kpi/reasons.js';
import { PanelStore } from './store.js';

interface Context { db: ScratchDb; models: Models; store: PanelStore; tenants: { energie: number; habitat: number }; lineId: number; agent: AgentRecord }
const test = anyTest as TestFn<Context>;
const T0 = Date.parse('2026-12-01T08:00:00Z');

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const energie = await models.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['fr'] });
  const habitat = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const line = await models.Line.create({ tenantId: energie.id, slug: 'commercial', label: 'Ligne commerciale' });
  const agent = (await new AgentDirectory(models).create(energie, { login: '101', name: 'Agent 101', skills: [] })).agent;
  Object.assign(t.context, { db, models, store: new PanelStore(db.sequelize), tenants: { energie: energie.id, habitat: habitat.id }, lineId: line.id, agent });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

async function addCall(t: { context: Context }, o: { tenantId?: number; caller: string; at: number; direction?: 'inbound' | 'outbound'; outcome?: string; agent?: string; handleMs?: number }): Promise<string> {
  const { models, tenants, lineId, db } = t.context;
  const id = randomUUID();
  const tenantId = o.tenantId ?? tenants.energie;
  await models.Call.create({ id, tenantId, lineId, direction: o.direction ?? 'inbound', did: '212520000002', callerId: o.caller, channelId: `ch-${id}`, startedAt: new Date(o.at) });
  if (o.agent) await models.CallEvent.create({ id: randomUUID(), callId: id, tenantId, type: 'agent.answered', at: new Date(o.at + 5_000), seq: 3, data: { agent: o.agent } });
  if (o.outcome) {
    await db.sequelize.query(`INSERT INTO call_facts (call_id, kind, n, tenant_id, grp, at, slot, outcome, wait_ms, without_wait, talk_ms, handle_ms)
      VALUES (?, 'line', 0, ?, 'commercial', ?, ?, ?, 5000, 0, ?, ?)`, {
      replacements: [id, tenantId, new Date(o.at).toISOString().replace('T', ' ').replace('Z', ''), Math.floor(o.at / SLOT_MS), o.outcome, o.handleMs ?? null, o.handleMs ?? null],
    });
  }
  return id;
}

test.serial('given a caller\'s calls, when the history of a new call is read, then the ten newest others come, with outcome, line and agent', async (t) => {
  const { store, tenants, agent } = t.context;
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await addCall(t, { caller: '0655000001', at: T0 + i * 60_000, outcome: i % 2 ? 'answered' : 'immediate', agent: i % 2 ? agent.id : undefined }));
  const outbound = await addCall(t, { caller: '0655000001', at: T0 + 20 * 60_000, direction: 'outbound', agent: agent.id });
  await addCall(t, { caller: '0655000002', at: T0 + 30 * 60_000 });
  await addCall(t, { caller: '0655000001', at: T0 + 40 * 60_000, tenantId: tenants.habitat });
  const current = await addCall(t, { caller: '0655000001', at: T0 + 50 * 60_000 });

  const history = await store.history(tenants.energie, '0655000001', current);
  t.is(history.length, 10);
  t.deepEqual(history.map((h) => h.callId), [outbound, ...ids.slice(3).reverse()]);
  t.like(history[0], { outcome: 'outbound', line: 'commercial', agentName: 'Agent 101' });
  t.like(history[1], { callId: ids[11], outcome: 'answered', agentName: 'Agent 101', at: new Date(T0 + 11 * 60_000) });
  t.like(history[2], { callId: ids[10], outcome: 'abandoned', agentName: null });
});

test.serial('given the history query, when MariaDB plans it, then it reads the calls_tenant_caller index', async (t) => {
  const { db, tenants } = t.context;
  const plan = await db.sequelize.query<{ table: string; key: string | null }>(
    'EXPLAIN SELECT c.id FROM calls c WHERE c.tenant_id = ? AND c.caller_id = ? AND c.id <> ? ORDER BY c.started_at DESC LIMIT 10',
    { replacements: [tenants.energie, '0655000001', randomUUID()], type: QueryTypes.SELECT },
  );
  t.is(plan.find((r) => r.table === 'c')?.key, 'calls_tenant_caller');
});

test.serial('given a call\'s IVR events and transfers, when read, then its path and the agents who handled it come back', async (t) => {
  const { store, models, tenants, agent } = t.context;
  const id = await addCall(t, { caller: '0655000003', at: T0, agent: agent.id });
  const event = (type: string, seq: number, data: object) => models.CallEvent.create({ id: randomUUID(), callId: id, tenantId: tenants.energie, type, at: new Date(T0 + seq), seq, data: data as never });
  await event('ivr.language', 1, { language: 'ar', chosen: true });
  await event('ivr.menu', 2, { step: 'choix', loop: 1 });
  await event('ivr.key', 3, { step: 'choix', digit: '2' });
  await event('ivr.calendar', 4, { calendar: 'commercial', open: false, reason: 'outside-hours' });
  await event('call.transferred', 9, { mode: 'blind', to: { kind: 'agent', id: 'agent-b' }, by: agent.id });
  t.deepEqual(await store.ivrPath(id), [
    { kind: 'language', language: 'ar' }, { kind: 'key', menu: 'choix', key: '2' }, { kind: 'calendar', calendar: 'commercial', decision: 'closed' },
  ]);
  t.deepEqual((await store.handledBy(tenants.energie, id))?.sort(), [agent.id, 'agent-b'].sort());
  t.is(await store.handledBy(tenants.habitat, id), undefined, 'not a call of that tenant');
  t.deepEqual(await store.call(tenants.energie, id), { line: 'commercial' });
});

test.serial('given answered calls with wrap-ups, when the KPI sums per reason are read, then only answered calls of the period with a reason count', async (t) => {
  const { store, tenants, db } = t.context;
  const at = Date.parse('2026-11-10T09:00:00Z');
  const a = await addCall(t, { caller: '0655000004', at, outcome: 'answered', handleMs: 60_000 });
  const b = await addCall(t, { caller: '0655000004', at: at + 60_000, outcome: 'answered', handleMs: 120_000 });
  const c = await addCall(t, { caller: '0655000004', at: at + 120_000, outcome: 'abandoned' });
  const before = await addCall(t, { caller: '0655000004', at: Date.parse('2026-11-09T23:00:00Z'), outcome: 'answered', handleMs: 1_000 });
  for (const id of [a, b, c, before]) {
    await store.saveWrapup({ callId: id, tenantId: tenants.energie, family: 'facture', nature: id === b ? 'contestation' : 'duplicata', note: 'x', agentId: null, userId: 1, tokenId: null, at: new Date() });
  }
  await store.saveWrapup({ callId: a, tenantId: tenants.energie, family: 'facture', nature: 'duplicata', note: 'corrigé', agentId: null, userId: 2, tokenId: null, at: new Date() });
  t.true(await store.wrapupSaved(a));
  const sums = await reasonSums(db.sequelize, tenants.energie, { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-11T00:00:00Z') });
  t.deepEqual(sums.sort((x, y) => (x.nature < y.nature ? -1 : 1)), [
    { family: 'facture', nature: 'contestation', calls: 1, sumMs: 120_000 },
    { family: 'facture', nature: 'duplicata', calls: 1, sumMs: 60_000 },
  ]);
});
