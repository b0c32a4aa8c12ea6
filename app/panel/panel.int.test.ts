// The agent panel on a real MariaDB and a real listener: the panel plugin with the auth plugin,
// the ACD's real shell over the demo tenants (no Asterisk: the media core records), the journal
// writing to MariaDB. Wrap-ups through hapi's inject with agents' tokens: its own finished call,
// another agent's, another tenant's, a reason not of the line. The live socket with a real
// WebSocket client on an ephemeral loopback port, with web sessions' cookies.
import { randomUUID } from 'node:crypto';
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import WebSocket from 'ws';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { demoTenants } from '../../pbx-config/testing/fixtures.js';
import { AcdShell } from '../acd/shell/shell.js';
import { AgentDirectory, type AgentRecord } from '../agents/directory.js';
import { authPlugin } from '../auth/plugin.js';
import { SessionStore } from '../auth/sessions.js';
import { tenantLookup } from '../auth/tenant-access.js';
import { authOptionsForTests } from '../auth/test-support.js';
import { createToken } from '../auth/tokens.js';
import { errorsPlugin } from '../errors/plugin.js';
import { CallJournal } from '../journal/journal.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import { RecordingMedia } from '../media/test-support.js';
import { ownershipResolvers } from '../server/owners.js';
import { panelPlugin } from './plugin.js';
import { callsHandledBy } from './store.js';
import type { Panel } from './types.js';

type Who = 'a101' | 'a102' | 'habitat';
interface Context {
  db: ScratchDb; models: Models; server: Hapi.Server; acd: AcdShell; journal: CallJournal; tokens: Record<Who, string>; tokenId: number;
  agents: Record<Who, AgentRecord>; calls: { own: string; other: string; habitat: string }; cookies: Record<'a101' | 'a102', string>; sessions: SessionStore;
}
const test = anyTest as TestFn<Context>;

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const habitat = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const energie = await models.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['fr'] });
  const lines = {
    energie: await models.Line.create({ tenantId: energie.id, slug: 'commercial', label: 'Ligne commerciale' }),
    habitat: await models.Line.create({ tenantId: habitat.id, slug: 'technique', label: 'Technique' }),
  };
  const directory = new AgentDirectory(models);
  const skills = [{ name: 'line', value: 'commercial', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
  const agents: Record<Who, AgentRecord> = {
    a101: (await directory.create(energie, { login: '101', name: 'Agent 101', skills })).agent,
    a102: (await directory.create(energie, { login: '102', name: 'Agent 102', skills })).agent,
    habitat: (await directory.create(habitat, { login: '201', name: 'Agent 201', skills: [] })).agent,
  };
  const made = { a101: await createToken(models, { tenant: 'energie', role: 'agent', agent: '101', name: 'agent 101' }) };
  const token = async (tenant: string, login: string) => (await createToken(models, { tenant, role: 'agent', agent: login, name: `agent ${login}` })).token;
  const tokens: Record<Who, string> = { a101: made.a101.token, a102: await token('energie', '102'), habitat: await token('habitat', '201') };

  // Finished calls in MariaDB: one answered by 101, one by 102 (energie), one of habitat.
  const finished = async (tenantId: number, lineId: number, agent: AgentRecord) => {
    const id = randomUUID();
    await models.Call.create({ id, tenantId, lineId, direction: 'inbound', did: '212520000002', callerId: '0655000001', channelId: `ch-${id}`, startedAt: new Date('2026-12-07T09:00:00Z'), endedAt: new Date('2026-12-07T09:05:00Z') });
    await models.CallEvent.create({ id: randomUUID(), callId: id, tenantId, type: 'agent.answered', at: new Date('2026-12-07T09:01:00Z'), seq: 5, data: { queue: 'commercial', agent: agent.id } });
    return id;
  };
  const calls = {
    own: await finished(energie.id, lines.energie.id, agents.a101),
    other: await finished(energie.id, lines.energie.id, agents.a102),
    habitat: await finished(habitat.id, lines.habitat.id, agents.habitat),
  };

  const sessions = new SessionStore(models, { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 }, () => true);
  const cookie = async (agent: AgentRecord) => {
    const user = await models.User.create({ login: `u${agent.login}`, name: agent.name, role: 'agent', tenantId: energie.id, agentId: agent.id, passwordHash: 'x' });
    return `ccapp_session=${(await sessions.open(user, 'complete', { address: null, userAgent: null }, new Date())).sid}`;
  };
  const cookies = { a101: await cookie(agents.a101), a102: await cookie(agents.a102) };

  const log = pino({ level: 'silent' });
  const tenants = await demoTenants();
  const journal = new CallJournal(new SqlJournalStore(db.sequelize, models, 'test-site'), log);
  const acd = new AcdShell({
    media: new RecordingMedia('/nonexistent'), journal, directory, log, tenants, prompt: () => 'sound:x', trunk: 'carrier-demo',
    startRecording: () => Promise.resolve(), recordingsDir: '/nonexistent',
  });
  await acd.loadAgents();
  acd.registration(agents.a101.id, true);
  const owners = ownershipResolvers({ directory, acd, handledBy: callsHandledBy(db.sequelize) });
  const server = Hapi.server({ host: '127.0.0.1', port: 0 });
  await server.register([
    { plugin: errorsPlugin, options: { log } },
    { plugin: authPlugin, options: { ...authOptionsForTests(models, { call: owners.call }), sessions } },
    { plugin: panelPlugin, options: { acd, journal, sequelize: db.sequelize, tenants, lookup: tenantLookup(models), owners, log, live: { debounceMs: 10, pingMs: 200 } } },
  ]);
  await server.start();
  Object.assign(t.context, { db, models, server, acd, journal, tokens, tokenId: made.a101.id, agents, calls, cookies, sessions });
});

test.after.always(async (t) => {
  await t.context.server?.stop();
  t.context.acd?.stop();
  await t.context.journal?.idle();
  await t.context.db?.drop();
});

async function inject(t: { context: Context }, who: Who, method: string, url: string, payload?: object) {
  const res = await t.context.server.inject({ method, url, payload, headers: { authorization: `Bearer ${t.context.tokens[who]}` } });
  return { status: res.statusCode, body: JSON.parse(res.payload || 'null') as Record<string, unknown> & { error?: { id: string } } };
}

// ---- wrap-up ----

test.serial('given its own finished call, when an agent wraps it up, then 200, the row holds the note and the journal the codes', async (t) => {
  const { calls, models, journal, agents, tokenId } = t.context;
  const res = await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${calls.own}/wrapup`, { family: 'facture', nature: 'duplicata', note: 'Envoyer par courrier.' });
  t.like(res, { status: 200, body: { callId: calls.own, family: 'facture', nature: 'duplicata' } });
  await journal.idle();
  const [row] = await models.Call.sequelize!.query<Record<string, unknown>>('SELECT * FROM call_wrapups WHERE call_id = ?', { replacements: [calls.own], type: QueryTypes.SELECT });
  t.like(row, { family: 'facture', nature: 'duplicata', note: 'Envoyer par courrier.', agent_id: agents.a101.id });
  const event = await models.CallEvent.findOne({ where: { callId: calls.own, type: 'call.wrapup' } });
  t.deepEqual(event?.data, { agent: agents.a101.id, family: 'facture', nature: 'duplicata', withNote: true, userId: null, tokenId });
  t.false(JSON.stringify(event?.data).includes('courrier'), 'not the note');

  const again = await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${calls.own}/wrapup`, { family: 'contrat', nature: 'titulaire' });
  t.is(again.status, 200, 'saved again later');
});

test.serial('given another agent\'s finished call, another tenant\'s, a reason not of the line or a missing call, when wrapped up, then 403, 404, 422, 404', async (t) => {
  const { calls } = t.context;
  const body = { family: 'facture', nature: 'duplicata', note: '' };
  t.like(await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${calls.other}/wrapup`, body), { status: 403, body: { error: { id: 'auth.other_agent' } } });
  t.like(await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${calls.habitat}/wrapup`, body), { status: 404, body: { error: { id: 'call.not_found' } } });
  t.like(await inject(t, 'a101', 'POST', `/api/tenants/habitat/calls/${calls.habitat}/wrapup`, body), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
  t.like(await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${calls.own}/wrapup`, { ...body, family: 'panne' }), { status: 422, body: { error: { id: 'wrapup.unknown_reason' } } });
  t.like(await inject(t, 'a101', 'POST', `/api/tenants/energie/calls/${randomUUID()}/wrapup`, body), { status: 404, body: { error: { id: 'call.not_found' } } });
  t.like(await inject(t, 'a102', 'POST', `/api/tenants/energie/calls/${calls.other}/hold`), { status: 404, body: { error: { id: 'call.not_found' } } }, 'its own call, but no longer live');
});

test.serial('given agents\' tokens, when they read panels, then each reads its own and not a colleague\'s', async (t) => {
  const { agents } = t.context;
  const own = await inject(t, 'a101', 'GET', `/api/tenants/energie/agents/${agents.a101.id}/panel`);
  t.like(own, { status: 200, body: { agent: { id: agents.a101.id, login: '101' }, timezone: 'Africa/Casablanca' } });
  t.like(await inject(t, 'a101', 'GET', `/api/tenants/energie/agents/${agents.a102.id}/panel`), { status: 403, body: { error: { id: 'auth.other_agent' } } });
});

// ---- live socket ----

interface Client { ws: WebSocket; next(type: string): Promise<Record<string, unknown>>; closed: Promise<number> }

function connect(t: { context: Context }, headers: Record<string, string> = {}, origin?: string): Client {
  const { port } = t.context.server.info;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`, { headers, origin: origin ?? `http://127.0.0.1:${port}` });
  const queue: Record<string, unknown>[] = [];
  const waiting: { type: string; resolve: (m: Record<string, unknown>) => void }[] = [];
  ws.on('message', (raw) => {
    const msg = JSON.parse((raw as Buffer).toString('utf8')) as Record<string, unknown>;
    const w = waiting.findIndex((x) => x.type === msg.type);
    if (w >= 0) waiting.splice(w, 1)[0]?.resolve(msg);
    else queue.push(msg);
  });
  return {
    ws,
    next: (type) => new Promise((resolve) => {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) resolve(queue.splice(i, 1)[0] ?? {});
      else waiting.push({ type, resolve });
    }),
    closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))),
  };
}
const opened = (c: Client) => new Promise((resolve) => c.ws.once('open', resolve));
const subscribe = (c: Client, agentId: string, tenant = 'energie') => c.ws.send(JSON.stringify({ type: 'subscribe', topic: 'agent-panel', tenant, agentId }));

test.serial('given no session cookie, when the socket opens, then it is closed with 4401', async (t) => {
  t.is(await connect(t).closed, 4401);
  t.is(await connect(t, { cookie: 'ccapp_session=nonsense' }).closed, 4401);
});

test.serial('given a page of another site, when it opens the socket, then the upgrade is refused', async (t) => {
  const c = connect(t, { cookie: t.context.cookies.a101 }, 'https://evil.example');
  const status = await new Promise((resolve) => c.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
  t.is(status, 403);
});

test.serial('given an agent\'s session, when it subscribes to its own panel and its state changes, then it gets the panel, then the new one', async (t) => {
  const { agents, acd, cookies } = t.context;
  const c = connect(t, { cookie: cookies.a101 });
  await opened(c);
  c.ws.send('not json');
  t.like(await c.next('error'), { error: { id: 'live.bad_message' } });
  subscribe(c, agents.a101.id);
  const first = (await c.next('panel')).data as Panel;
  t.like(first.agent, { id: agents.a101.id, state: 'logged_out', registered: true });
  acd.command(agents.a101.id, { type: 'login' });
  const second = (await c.next('panel')).data as Panel;
  t.is(second.agent.state, 'available');
  t.like(await c.next('ping'), { type: 'ping' });
  c.ws.close();
});

test.serial('given an agent\'s session, when it subscribes to a colleague\'s panel or an unknown topic, then errors, and the socket stays open', async (t) => {
  const { agents, cookies } = t.context;
  const c = connect(t, { cookie: cookies.a101 });
  await opened(c);
  subscribe(c, agents.a102.id);
  t.like(await c.next('error'), { error: { id: 'auth.other_agent' } });
  c.ws.send(JSON.stringify({ type: 'subscribe', topic: 'supervisor-wall', tenant: 'energie', agentId: agents.a101.id }));
  t.like(await c.next('error'), { error: { id: 'live.unknown_topic' } });
  subscribe(c, agents.a101.id);
  t.like(((await c.next('panel')).data as Panel).agent, { id: agents.a101.id });
  c.ws.close();
});

test.serial('given a socket whose session ends, when the next ping checks it, then it is closed with 4401', async (t) => {
  const { agents, cookies, models, sessions } = t.context;
  const c = connect(t, { cookie: cookies.a102 });
  await opened(c);
  subscribe(c, agents.a102.id);
  await c.next('panel');
  const user = await models.User.findOne({ where: { agentId: agents.a102.id } });
  await sessions.endAll(user?.id ?? 0, 'logout', new Date());
  t.is(await c.closed, 4401);
});

test.serial('given sockets open, when the server stops, then they are closed with 1001', async (t) => {
  const { agents, cookies, server } = t.context;
  const c = connect(t, { cookie: cookies.a101 });
  await opened(c);
  subscribe(c, agents.a101.id);
  await c.next('panel');
  await server.stop();
  t.is(await c.closed, 1001);
  t.is(server.plugins['ccapp-panel'].live.size, 0);
});
