// The KPI report API on a real MariaDB, through hapi's inject: who may read it (401, 404, 403),
// what a bad query gets (400 naming the field), and the figures of a hand-counted day; the
// summaries and the event stream answer the same; another tenant's calls never show.
import { randomUUID } from 'node:crypto';
import Hapi from '@hapi/hapi';
import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { AgentDirectory } from '../agents/directory.js';
import { authPlugin } from '../auth/plugin.js';
import { authOptionsForTests } from '../auth/test-support.js';
import { createToken } from '../auth/tokens.js';
import { errorsPlugin } from '../errors/plugin.js';
import { KpiFactStore } from './fact-store.js';
import { summariseCall } from './facts.js';
import { kpiPlugin } from './plugin.js';
import { createKpiDb, TENANTS, type KpiDb, type TenantSlug } from './test-db.js';
import { call, randomCalls } from './test-support.js';

const KINDS = ['operator', 'habitatAdmin', 'habitatSupervisor', 'habitatViewer', 'habitatAgent', 'energieAdmin'] as const;
type Kind = (typeof KINDS)[number];
const test = anyTest as TestFn<{ kdb: KpiDb; server: Hapi.Server; tokens: Record<Kind, string> }>;

const DAY = 'from=2026-03-30T00:00:00%2B02:00&to=2026-03-31T00:00:00%2B02:00';
const url = (tenant: string, query: string) => `/api/tenants/${tenant}/reports/kpi?${query}`;

/** One day of the landlord's, counted by hand below, and the utility's calls at the same instants. */
function handCounted(tenant: TenantSlug) {
  const c = (line = 'technique') => call({ tenant, did: TENANTS[tenant].did, callId: randomUUID(), line }).arrive('2026-03-30T07:00:00Z').ivr(3_000);
  return [
    c().enqueue('technique').offer('a1', 11_000).ring(0).answer('a1', 1_000).agentHangup(90_000).wrapUp(30_000).hangup(0),
    c().enqueue('technique').hangup(3_000),
    c().enqueue('technique').hangup(50_000),
    c('commercial').enqueue('commercial').answer('a2', 45_000).hangup(60_000),
    c().hangup(1_000),
  ].map((b) => b.build());
}

test.before(async (t) => {
  const kdb = await createKpiDb();
  const window = { from: Date.parse('2026-03-23T00:00:00+01:00'), to: Date.parse('2026-03-30T00:00:00+02:00') };
  const timelines = [
    ...handCounted('habitat'), ...handCounted('energie'),
    ...randomCalls(7, 150, { ...window, ids: { tenant: 'habitat', did: TENANTS.habitat.did }, callId: randomUUID }).timelines,
  ];
  await kdb.write(timelines);
  const store = new KpiFactStore(kdb.db.sequelize);
  for (const tl of timelines) await store.save(summariseCall(tl));
  // An agent token acts for one agent: habitat's agent 101.
  await new AgentDirectory(kdb.models).create({ id: kdb.tenantIds.habitat, slug: 'habitat' }, { login: '101', name: 'Agent 101', skills: [] });
  const make = async (tenant: string | null, role: Parameters<typeof createToken>[1]['role'], agent?: string) =>
    (await createToken(kdb.models, { tenant, role, agent, name: `${role} of ${tenant ?? 'all'}` })).token;
  const tokens: Record<Kind, string> = {
    operator: await make(null, 'operator_admin'),
    habitatAdmin: await make('habitat', 'tenant_admin'),
    habitatSupervisor: await make('habitat', 'supervisor'),
    habitatViewer: await make('habitat', 'client_viewer'),
    habitatAgent: await make('habitat', 'agent', '101'),
    energieAdmin: await make('energie', 'tenant_admin'),
  };
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log: pino({ level: 'silent' }) } },
    { plugin: authPlugin, options: authOptionsForTests(kdb.models) },
    { plugin: kpiPlugin, options: { sequelize: kdb.db.sequelize, models: kdb.models } },
  ]);
  await server.initialize();
  Object.assign(t.context, { kdb, server, tokens });
});
test.after.always(async (t) => {
  await t.context.server?.stop();
  await t.context.kdb?.db.drop();
});

async function get(t: { context: { server: Hapi.Server; tokens: Record<Kind, string> } }, path: string, kind?: Kind) {
  const res = await t.context.server.inject({ method: 'GET', url: path, headers: kind ? { authorization: `Bearer ${t.context.tokens[kind]}` } : {} });
  return { status: res.statusCode, body: JSON.parse(res.payload) as Record<string, unknown> & { error?: { id: string; details: { fields?: { field: string; message: string }[] } } } };
}

test('given no token or a bad one, when a report is asked for, then 401', async (t) => {
  t.is((await get(t, url('habitat', DAY))).status, 401);
  const res = await t.context.server.inject({ method: 'GET', url: url('habitat', DAY), headers: { authorization: 'Bearer ccapp_nope' } });
  t.is(res.statusCode, 401);
});

test('given each kind of token, when habitat\'s report is asked for, then only its viewers and the operator get it', async (t) => {
  const expected: Record<Kind, [number, string | undefined]> = {
    operator: [200, undefined], habitatAdmin: [200, undefined], habitatSupervisor: [200, undefined], habitatViewer: [200, undefined],
    habitatAgent: [403, 'auth.role_forbidden'], energieAdmin: [403, 'auth.tenant_forbidden'],
  };
  for (const kind of KINDS) {
    const { status, body } = await get(t, url('habitat', DAY), kind);
    t.deepEqual([status, body.error?.id], expected[kind], kind);
  }
  // The role is checked before the tenant is looked up: a role that may never read reports learns
  // nothing about which tenants exist.
  for (const kind of ['operator', 'energieAdmin'] as const) {
    const { status, body } = await get(t, url('nowhere', DAY), kind);
    t.deepEqual([status, body.error?.id], [404, 'tenant.not_found'], kind);
  }
  const agent = await get(t, url('nowhere', DAY), 'habitatAgent');
  t.deepEqual([agent.status, agent.body.error?.id], [403, 'auth.role_forbidden']);
});

test('given bad query parameters, when a report is asked for, then 400 naming each wrong field', async (t) => {
  const cases: [string, string][] = [
    ['to=2026-03-31T00:00:00Z', 'query.from'],
    ['from=yesterday&to=2026-03-31T00:00:00Z', 'query.from'],
    ['from=2026-03-30T00:00:00&to=2026-03-31T00:00:00Z', 'query.from'],
    ['from=2026-03-31T00:00:00Z&to=2026-03-30T00:00:00Z', 'query.to'],
    [`${DAY}&interval=week`, 'query.interval'],
    [`${DAY}&serviceLevel=17`, 'query.serviceLevel'],
    [`${DAY}&serviceLevel=abc`, 'query.serviceLevel'],
    [`${DAY}&queue=Not%20A%20Queue`, 'query.queue'],
    [`${DAY}&source=guess`, 'query.source'],
    [`${DAY}&intervall=hour`, 'query'],
    ['from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&interval=half-hour', 'query.to'],
    ['from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&source=events', 'query.source'],
  ];
  for (const [query, field] of cases) {
    const { status, body } = await get(t, url('habitat', query), 'habitatViewer');
    t.is(status, 400, query);
    t.is(body.error?.id, 'request.invalid', query);
    t.true(body.error?.details.fields?.some((f) => f.field === field && f.message.length > 0), `${query}: ${JSON.stringify(body.error?.details)}`);
  }
});

test('given a hand-counted day, when its report is read, then every queue, line, agent and the tenant have those figures', async (t) => {
  const { status, body } = await get(t, url('habitat', `${DAY}&serviceLevel=20`), 'habitatViewer');
  t.is(status, 200);
  t.like(body, { tenant: 'habitat', timezone: 'Europe/Paris', interval: 'day', serviceLevelSeconds: 20, source: 'summaries', from: '2026-03-29T22:00:00.000Z' });
  const r = body as unknown as { tenantWide: { total: object; buckets: object[] }; queues: { queue: string; total: object; buckets: object[] }[]; lines: { line: string; total: object }[]; agents: { agent: string; total: object; buckets: object[] }[] };
  t.deepEqual(r.queues.map((q) => q.queue), ['commercial', 'technique']);
  t.like(r.queues[1]?.total, {
    label: '2026-03-30T00:00+02:00/2026-03-31T00:00+02:00', offered: 3, answered: 1, answeredWithinThreshold: 1, serviceLevel: 1 / 3,
    abandoned: { inIvr: 0, inQueueUnder5s: 1, inQueue: 1 }, averageWaitMs: 12_000, maxWaitMs: 50_000, averageTalkMs: 90_000, averageHandleMs: 120_000,
    pickUpRate: 1 / 3, abandonRate: 2 / 3, qs1: { n40: 1, n: 3, rate: 1 / 3 }, qs2: { nr: 1, n: 2, rate: 0.5 },
  });
  t.like(r.queues[1]?.buckets[0], { start: '2026-03-29T22:00:00.000Z', end: '2026-03-30T22:00:00.000Z', label: '2026-03-30', offered: 3 });
  t.like(r.queues[0]?.total, { offered: 1, answered: 1, answeredWithinThreshold: 0, averageWaitMs: 45_000, qs1: { n40: 0, n: 1 } });
  t.like(r.lines.find((l) => l.line === 'technique')?.total, { offered: 3, abandoned: { inIvr: 1, inQueueUnder5s: 1, inQueue: 1 } });
  t.like(r.tenantWide.total, { offered: 4, answered: 2, answeredWithinThreshold: 1, abandoned: { inIvr: 1, inQueueUnder5s: 1, inQueue: 1 }, averageWaitMs: 28_500, maxWaitMs: 50_000 });
  t.is(r.tenantWide.buckets.length, 1);
  t.deepEqual(r.agents.map((a) => [a.agent, a.buckets.length]), [['a1', 1], ['a2', 1]]);
  t.like(r.agents[0]?.total, { offered: 1, taken: 1, noAnswer: 0, handled: 1, averageTalkMs: 90_000, averageHandleMs: 120_000, longestTalkMs: 90_000 });
  // The utility's identical calls at the same instants are its own.
  const energie = await get(t, url('energie', `${DAY}&serviceLevel=20`), 'energieAdmin');
  t.like(energie.body, { tenant: 'energie', timezone: 'Africa/Casablanca', tenantWide: { total: { offered: 4, answered: 2 } } });
});

test('given a week of random calls, when read from the summaries and from the events, then both answer the same, and a queue filter keeps that queue', async (t) => {
  const week = 'from=2026-03-23T00:00:00%2B01:00&to=2026-03-30T00:00:00%2B02:00&interval=hour&serviceLevel=40';
  const summaries = await get(t, url('habitat', week), 'habitatSupervisor');
  const events = await get(t, url('habitat', `${week}&source=events`), 'habitatSupervisor');
  t.is(summaries.status, 200);
  t.true((summaries.body.tenantWide as { total: { offered: number } }).total.offered > 100);
  t.deepEqual({ ...events.body, source: 'summaries' }, summaries.body);
  const one = await get(t, url('habitat', `${week}&queue=commercial`), 'operator');
  t.deepEqual((one.body.queues as { queue: string }[]).map((q) => q.queue), ['commercial']);
  t.deepEqual(one.body.queues, (summaries.body.queues as { queue: string }[]).filter((q) => q.queue === 'commercial'));
});
