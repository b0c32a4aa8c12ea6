// The click-to-call API on a real MariaDB, through hapi's inject: real tokens and tenants, the
// ACD's real shell and core deciding who may call, and the journal writing the call to MariaDB.
// No Asterisk here: the media core records the dials and the test plays the agent's phone
// refusing. The calls themselves are tested against the appliance (test/integration/click-to-call.test.ts).
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { migrateUp } from '../../db/migrate.js';
import { initModels } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AcdShell } from '../acd/shell/shell.js';
import { AgentDirectory, type AgentRecord } from '../agents/directory.js';
import { authPlugin } from '../auth/plugin.js';
import { authOptionsForTests } from '../auth/test-support.js';
import { createToken } from '../auth/tokens.js';
import { errorsPlugin } from '../errors/plugin.js';
import { CallJournal } from '../journal/journal.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import { legIdFor } from './legs.js';
import { outboundRoutes } from './routes.js';
import { OutboundService } from './service.js';
import { TENANT } from './test-fixture.js';
import { RecordingMedia } from '../media/test-support.js';

type Who = 'agent101' | 'agent102' | 'supervisor' | 'viewer' | 'habitatAdmin';
interface Context { db: ScratchDb; server: Hapi.Server; tokens: Record<Who, string>; agents: Record<'a101' | 'a102', AgentRecord>; acd: AcdShell; media: RecordingMedia; journal: CallJournal; service: OutboundService }
const test = anyTest as TestFn<Context>;

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const energie = await models.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['fr'] });
  const directory = new AgentDirectory(models);
  const make = async (login: string) => (await directory.create(energie, { login, name: `Agent ${login}`, skills: [] })).agent;
  const agents = { a101: await make('101'), a102: await make('102') };
  const token = async (tenant: string, role: 'agent' | 'supervisor' | 'client_viewer' | 'tenant_admin', agent: string | null = null) => (await createToken(models, { tenant, role, agent, name: `${role} ${agent ?? ''}` })).token;
  const tokens: Record<Who, string> = {
    agent101: await token('energie', 'agent', '101'), agent102: await token('energie', 'agent', '102'),
    supervisor: await token('energie', 'supervisor'), viewer: await token('energie', 'client_viewer'), habitatAdmin: await token('habitat', 'tenant_admin'),
  };
  const log = pino({ level: 'silent' });
  const media = new RecordingMedia('/nonexistent');
  const journal = new CallJournal(new SqlJournalStore(db.sequelize, models, 'test-site'), log);
  const acd = new AcdShell({ media, journal, directory, log, tenants: [], prompt: () => 'sound:x', trunk: 'carrier-demo', startRecording: () => Promise.resolve(), recordingsDir: '/nonexistent' });
  await acd.loadAgents();
  acd.registration(agents.a101.id, true);
  acd.command(agents.a101.id, { type: 'login' });
  const service = new OutboundService({ media, journal, log, acd, tenants: [TENANT], trunk: 'carrier-demo', recordingsDir: '/nonexistent' });
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log } },
    { plugin: authPlugin, options: authOptionsForTests(models) },
  ]);
  server.route(outboundRoutes({ service, directory, tenants: [TENANT] }));
  await server.initialize();
  Object.assign(t.context, { db, server, tokens, agents, acd, media, journal, service });
});
test.after.always(async (t) => {
  t.context.acd?.stop();
  t.context.service?.stop();
  await t.context.server?.stop();
  await t.context.db?.drop();
});

async function place(t: { context: Context }, who: Who, agentId: string, payload: unknown, tenant = 'energie') {
  const res = await t.context.server.inject({ method: 'POST', url: `/api/tenants/${tenant}/agents/${agentId}/calls`, payload: payload as object, headers: { authorization: `Bearer ${t.context.tokens[who]}` } });
  return { status: res.statusCode, body: JSON.parse(res.payload) as { callId?: string; error?: { id: string; details: Record<string, unknown> } } };
}

test.serial('given an agent\'s own token, when they place a call, then 201 with the call id, they are paused outbound, and the call is in MariaDB as outbound until its end', async (t) => {
  const { a101 } = t.context.agents;
  const res = await place(t, 'agent101', a101.id, { number: '+33612345678', line: 'commercial' });
  t.is(res.status, 201, JSON.stringify(res.body));
  const callId = res.body.callId ?? '';
  t.like(t.context.acd.agentView(a101.id), { state: 'paused', reason: 'outbound' });
  t.like((await place(t, 'supervisor', a101.id, { number: '0612345678' })).body, { error: { id: 'agent.busy' } }, 'one call at a time');

  const call = t.context.service.callOf(legIdFor('agent', callId));
  await call?.settled();
  t.like(t.context.media.dials[0], { channelId: `oa-${callId}-1`, endpoint: `PJSIP/${a101.sipUsername}` });
  t.context.service.handleMedia({ kind: 'channel.destroyed', channelId: legIdFor('agent', callId), cause: 21, causeText: 'Call Rejected' });
  await call?.done;
  await t.context.journal.idle();
  const [row] = await t.context.db.sequelize.query<{ direction: string; did: string; caller_id: string; channel_id: string; ended_at: Date | null; answered_at: Date | null }>(
    'SELECT direction, did, caller_id, channel_id, ended_at, answered_at FROM calls WHERE id = ?', { replacements: [callId], type: QueryTypes.SELECT });
  t.like(row, { direction: 'outbound', did: '212520000002', caller_id: '33612345678', channel_id: `oa-${callId}-1`, answered_at: null });
  t.truthy(row?.ended_at);
  const events = await t.context.db.sequelize.query<{ type: string }>('SELECT type FROM call_events WHERE call_id = ? ORDER BY at, seq', { replacements: [callId], type: QueryTypes.SELECT });
  t.deepEqual(events.map((e) => e.type), ['outbound.requested', 'outbound.failed', 'call.hangup']);
  t.like(t.context.acd.agentView(a101.id), { state: 'available' });
});

test.serial('given tokens that may not act for the agent, when they place a call, then 403, and an unknown agent is a 404', async (t) => {
  const { a101 } = t.context.agents;
  t.like(await place(t, 'agent102', a101.id, { number: '0612345678' }), { status: 403, body: { error: { id: 'auth.other_agent' } } });
  t.like(await place(t, 'viewer', a101.id, { number: '0612345678' }), { status: 403 });
  t.like(await place(t, 'habitatAdmin', a101.id, { number: '0612345678' }), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
  t.like(await place(t, 'supervisor', '00000000-0000-4000-8000-000000000000', { number: '0612345678' }), { status: 404, body: { error: { id: 'agent.not_found' } } });
  t.like(await place(t, 'supervisor', 'not-an-id', { number: '0612345678' }), { status: 404 });
  t.like(await place(t, 'supervisor', a101.id, { number: '0612345678' }, 'nowhere'), { status: 404, body: { error: { id: 'tenant.not_found' } } });
  t.is(t.context.media.dials.length, 1, 'nothing more was dialled');
});

test.serial('given bad requests or an agent who cannot call, when a call is asked for, then 400 or 409 and nothing is dialled', async (t) => {
  const { a101, a102 } = t.context.agents;
  t.like(await place(t, 'supervisor', a101.id, { number: '06 12 34 56 78' }), { status: 400 });
  t.like(await place(t, 'supervisor', a101.id, {}), { status: 400 });
  t.like(await place(t, 'supervisor', a101.id, { number: '0612345678', line: 'nope' }), { status: 400, body: { error: { id: 'outbound.unknown_line' } } });
  t.like(await place(t, 'agent102', a102.id, { number: '0612345678' }), { status: 409, body: { error: { id: 'agent.busy', details: { state: 'logged_out' } } } });
  t.is(t.context.media.dials.length, 1);
  t.like(t.context.acd.agentView(a101.id), { state: 'available' });
});

test.serial('given a number the tenant\'s dialling policy refuses, when a call is asked for, then 422 dialling.refused with the rule, an agent event naming who asked, and nothing is dialled', async (t) => {
  const { a101 } = t.context.agents;
  const dialled = t.context.media.dials.length;
  t.like(await place(t, 'agent101', a101.id, { number: '0033899123456' }), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'premium', purpose: 'click_to_call' } } } });
  t.like(await place(t, 'supervisor', a101.id, { number: '15' }), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'emergency' } } } });
  t.is(t.context.media.dials.length, dialled);
  t.like(t.context.acd.agentView(a101.id), { state: 'available' });
  await t.context.journal.idle();
  const rows = await t.context.db.sequelize.query<{ data: string | Record<string, unknown> }>(
    'SELECT data FROM agent_events WHERE agent_id = ? AND type = \'dialling.refused\' ORDER BY at', { replacements: [a101.id], type: QueryTypes.SELECT });
  const data = rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) as Record<string, unknown> : r.data));
  t.like(data[0], { number: '0033899123456', rule: 'premium', purpose: 'click_to_call', requestedBy: { kind: 'api', role: 'agent', tenant: 'energie', agentId: a101.id } });
  t.like(data[1], { number: '15', rule: 'emergency', requestedBy: { kind: 'api', role: 'supervisor' } });
});
