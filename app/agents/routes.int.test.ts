// The agents API's authorisation on a real MariaDB, through hapi's inject, with the ACD's real
// decision core behind it (no Asterisk: agents are not rung here, only their states change): an
// agent's token changes its own agent's state and no other's, and may not list the agents;
// supervisors and admins act for any agent of their tenant. The phones and calls are tested
// against the appliance (test/integration/acd-routing.test.ts).
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { migrateUp } from '../../db/migrate.js';
import { initModels } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AcdCore } from '../acd/core/acd.js';
import type { AgentCommand } from '../acd/shell/shell-types.js';
import { authPlugin } from '../auth/plugin.js';
import { authOptionsForTests } from '../auth/test-support.js';
import { createToken } from '../auth/tokens.js';
import { errorsPlugin } from '../errors/plugin.js';
import { AgentDirectory, type AgentRecord } from './directory.js';
import { agentRoutes } from './routes.js';

type Who = 'agentA' | 'agentB' | 'supervisor' | 'energieAgent';
const test = anyTest as TestFn<{ db: ScratchDb; server: Hapi.Server; tokens: Record<Who, string>; agents: Record<'a' | 'b' | 'energie', AgentRecord> }>;

/** The shell's part the routes use, over the real core: agent commands become the core's inputs. */
function acdOver(records: AgentRecord[]) {
  const byId = new Map(records.map((r) => [r.id, r]));
  const core = new AcdCore([], records.map((r) => ({ id: r.id, tenant: r.tenant, skills: [] })));
  let now = 0;
  return {
    agent: (id: string) => byId.get(id),
    agentView: (id: string) => core.agent(id),
    command(agentId: string, cmd: AgentCommand) {
      core.handle(cmd.type === 'pause' ? { type: 'agent.pause', agentId, reason: cmd.reason } : { type: `agent.${cmd.type}`, agentId }, now += 1000);
      return core.agent(agentId);
    },
  };
}

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const habitat = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const energie = await models.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['fr'] });
  const directory = new AgentDirectory(models);
  const make = async (tenant: { id: number; slug: string }, login: string) => (await directory.create(tenant, { login, name: `Agent ${login}`, skills: [] })).agent;
  const agents = { a: await make(habitat, '201'), b: await make(habitat, '202'), energie: await make(energie, '201') };
  const token = async (tenant: string, role: 'agent' | 'supervisor', agent: string | null) => (await createToken(models, { tenant, role, agent, name: `${role} ${agent ?? ''}` })).token;
  const tokens: Record<Who, string> = {
    agentA: await token('habitat', 'agent', '201'),
    agentB: await token('habitat', 'agent', '202'),
    supervisor: await token('habitat', 'supervisor', null),
    energieAgent: await token('energie', 'agent', '201'),
  };
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log: pino({ level: 'silent' }) } },
    { plugin: authPlugin, options: authOptionsForTests(models) },
  ]);
  const pauseReasons = ['break', 'lunch'].map((code) => ({ code, label: { fr: code, ar: code, en: code } }));
  server.route(agentRoutes({
    directory, acd: acdOver(await directory.all()), reload: () => Promise.resolve(), removePhone: () => Promise.resolve(),
    tenants: [{ slug: 'habitat', pauseReasons }, { slug: 'energie', pauseReasons }],
  }));
  await server.initialize();
  Object.assign(t.context, { db, server, tokens, agents });
});
test.after.always(async (t) => {
  await t.context.server?.stop();
  await t.context.db?.drop();
});

async function call(t: { context: { server: Hapi.Server; tokens: Record<Who, string> } }, who: Who, method: string, url: string, payload?: object) {
  const res = await t.context.server.inject({ method, url, payload, headers: { authorization: `Bearer ${t.context.tokens[who]}` } });
  return { status: res.statusCode, body: JSON.parse(res.payload) as { state?: string; error?: { id: string; details: Record<string, unknown> } } };
}
const stateUrl = (tenant: string, id: string) => `/api/tenants/${tenant}/agents/${id}/state`;

test.serial('given an agent\'s token, when it logs its own agent in and pauses it, then the state changes', async (t) => {
  const { a } = t.context.agents;
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', a.id), { action: 'login' }), { status: 200, body: { state: 'available' } });
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', a.id), { action: 'pause', reason: 'break' }), { status: 200, body: { state: 'paused' } });
});

test.serial('given a pause reason the tenant does not list, when an agent pauses with it, then 422 and the agent stays as it was', async (t) => {
  const { a } = t.context.agents;
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', a.id), { action: 'pause', reason: 'nap_time' }), {
    status: 422, body: { error: { id: 'agent.unknown_pause_reason', details: { reason: 'nap_time', allowed: ['break', 'lunch'] } } },
  });
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', a.id), { action: 'pause', reason: 'break' }), { status: 200, body: { state: 'paused' } });
});

test.serial('given an agent\'s token, when it changes another agent\'s state, then 403 other_agent and that agent is untouched', async (t) => {
  const { a, b } = t.context.agents;
  t.like(await call(t, 'agentB', 'POST', stateUrl('habitat', a.id), { action: 'logout' }), { status: 403, body: { error: { id: 'auth.other_agent', details: { agent: a.id } } } });
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', b.id), { action: 'login' }), { status: 403, body: { error: { id: 'auth.other_agent' } } });
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', a.id), { action: 'unpause' }), { status: 200, body: { state: 'available' } }, 'A was still paused, not logged out by B');
  t.like(await call(t, 'agentB', 'POST', stateUrl('habitat', b.id), { action: 'unpause' }), { status: 200, body: { state: 'logged_out' } }, 'B was not logged in by A');
});

test.serial('given an agent\'s token, when it names an unknown agent or another tenant\'s, then 404 and 403 as for any token', async (t) => {
  const { energie } = t.context.agents;
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', '00000000-0000-0000-0000-000000000000'), { action: 'login' }), { status: 404, body: { error: { id: 'agent.not_found' } } });
  t.like(await call(t, 'agentA', 'POST', stateUrl('habitat', energie.id), { action: 'login' }), { status: 404, body: { error: { id: 'agent.not_found' } } });
  t.like(await call(t, 'agentA', 'POST', stateUrl('energie', energie.id), { action: 'login' }), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
  t.like(await call(t, 'energieAgent', 'POST', stateUrl('energie', energie.id), { action: 'login' }), { status: 200, body: { state: 'available' } });
});

test.serial('given a supervisor\'s token, when it changes any agent\'s state in its tenant, then it may', async (t) => {
  const { b } = t.context.agents;
  t.like(await call(t, 'supervisor', 'POST', stateUrl('habitat', b.id), { action: 'login' }), { status: 200, body: { state: 'available' } });
  t.like(await call(t, 'supervisor', 'POST', stateUrl('habitat', b.id), { action: 'logout' }), { status: 200, body: { state: 'logged_out' } });
});

test.serial('given an agent\'s token, when it lists the agents, then 403 role_forbidden: the list is for supervisors and admins', async (t) => {
  t.like(await call(t, 'agentA', 'GET', '/api/tenants/habitat/agents'), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  const list = await t.context.server.inject({ method: 'GET', url: '/api/tenants/habitat/agents', headers: { authorization: `Bearer ${t.context.tokens.supervisor}` } });
  t.deepEqual((JSON.parse(list.payload) as { login: string }[]).map((a) => a.login), ['201', '202']);
});
