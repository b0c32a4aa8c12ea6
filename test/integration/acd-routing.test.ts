// The ACD on the real appliance: agents created through the API, their phones simulated by SIPp
// (registering with the generated credentials, then answering, ringing out or refusing), callers
// walking the utility's IVR to the technical queue in French (2 for French, then 1, by SIP INFO).
import test from 'ava';
import { adminToken, agentState, agentToken, connectPhone, createAgent, setState } from '../support/agents.js';
import { api } from '../support/api.js';
import { db, select } from '../support/appliance.js';
import { eventData, type EventRow, walkIvr } from '../support/calls.js';
import { classifyCall } from '../../app/kpi/classify.js';
import { eventually } from '../support/eventually.js';
import { dialFeatureCode, registerPhone } from '../support/phones.js';

const DID = '212520000001';
const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];
const offered = (events: readonly EventRow[]): unknown[] => eventData(events, 'agent.offered').map((d) => d.agent);

test('given two free agents, when a call reaches their queue, then the longest idle one is rung, answers and the call is bridged, recorded and logged', async (t) => {
  const first = await createAgent(t, 'energie', TECHNICIAN);
  const second = await createAgent(t, 'energie', TECHNICIAN);
  const phoneA = await connectPhone('energie', first, { kind: 'answer', ringMs: 300 });
  const phoneB = await connectPhone('energie', second, { kind: 'answer', ringMs: 300 });
  await setState('energie', first, { action: 'login' });
  await setState('energie', second, { action: 'login' });

  const { sipp, call, events } = await walkIvr(DID, toTechnicalQueue, 15_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(offered(events), [first.id], 'offered to the longest idle agent only');
  t.is(phoneA.count('INVITE'), 1);
  t.is(phoneB.count('INVITE'), 0);
  t.like(eventData(events, 'agent.answered')[0], { queue: 'technique', agent: first.id, withinServiceLevel: true, serviceLevelMs: 20_000 });
  t.like(eventData(events, 'agent.ringing')[0], { agent: first.id });
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
  await eventually(() => Promise.resolve(phoneA.count('BYE-RECEIVED') === 1), { what: 'the agent\'s phone hung up with the caller' });
  const conn = await db();
  try {
    const recs = await eventually(async () => {
      const rows = await select<{ size_bytes: number; duration_ms: number }>(conn, 'SELECT size_bytes, duration_ms FROM recordings WHERE call_id = ?', [call?.id]);
      return rows.length ? rows : undefined;
    }, { what: 'the recording row' });
    t.true(recs[0]!.size_bytes > 44, 'the recording has audio');
  } finally {
    await conn.end();
  }
  // The agent is in wrap-up, then available again, with nothing pending.
  await eventually(async () => (await agentState('energie', first.id))?.state === 'available', { what: 'wrap-up ends' });
});

test('given an agent whose phone rings out, when the ring timeout passes, then they are paused "no answer" and the next agent takes the call', async (t) => {
  const silent = await createAgent(t, 'energie', TECHNICIAN);
  const ready = await createAgent(t, 'energie', TECHNICIAN);
  const phoneSilent = await connectPhone('energie', silent, { kind: 'ignore' });
  const phoneReady = await connectPhone('energie', ready, { kind: 'answer', ringMs: 300 });
  await setState('energie', silent, { action: 'login' });
  await setState('energie', ready, { action: 'login' });

  const { sipp, events } = await walkIvr(DID, toTechnicalQueue, 30_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(offered(events), [silent.id, ready.id]);
  const noAnswer = eventData(events, 'agent.no_answer')[0];
  t.like(noAnswer, { agent: silent.id, reason: 'timeout' });
  const at = (type: string): number => events.find((e) => e.type === type)!.at.getTime();
  t.true(at('agent.no_answer') - at('agent.offered') >= 15_000, 'the phone rang for the whole ring timeout');
  t.like(eventData(events, 'agent.answered')[0], { agent: ready.id });
  t.is(phoneSilent.count('CANCELLED'), 1, 'the unanswered phone stopped ringing');
  t.is(phoneReady.count('ANSWERED'), 1);
  t.like(await agentState('energie', silent.id), { state: 'paused', reason: 'no_answer' });

  const conn = await db();
  try {
    const rows = await eventually(async () => {
      const r = await select<{ type: string; data: Record<string, unknown> }>(conn, 'SELECT type, data FROM agent_events WHERE agent_id = ? ORDER BY at', [silent.id]);
      return r.some((e) => e.type === 'agent.state' && e.data.to === 'paused') ? r : undefined;
    }, { what: 'the no-answer pause in agent_events' });
    t.like(rows.find((e) => e.type === 'agent.state' && e.data.to === 'paused')?.data, { reason: 'no_answer' });
  } finally {
    await conn.end();
  }
});

test('given an agent whose phone answers busy, when offered a call, then they are paused "rejected" and the next agent is rung at once', async (t) => {
  const busy = await createAgent(t, 'energie', TECHNICIAN);
  const ready = await createAgent(t, 'energie', TECHNICIAN);
  await connectPhone('energie', busy, { kind: 'busy' });
  await connectPhone('energie', ready, { kind: 'answer', ringMs: 300 });
  await setState('energie', busy, { action: 'login' });
  await setState('energie', ready, { action: 'login' });

  const { sipp, events } = await walkIvr(DID, toTechnicalQueue, 12_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(offered(events), [busy.id, ready.id]);
  t.like(eventData(events, 'agent.no_answer')[0], { agent: busy.id, reason: 'rejected' });
  t.like(eventData(events, 'agent.answered')[0], { agent: ready.id });
  t.like(await agentState('energie', busy.id), { state: 'paused', reason: 'rejected' });
});

test('given no free agent, when callers hang up in the welcome, early in the queue and late in the queue, then the KPI module classifies each abandon as such', async (t) => {
  // The welcome and recording notice take about 7.5 s after the language choice; the menu key is typed ahead.
  const [inIvr, early, late] = await Promise.all([
    walkIvr(DID, toTechnicalQueue, 2_000, { localPort: 5071, caller: '0611000001' }),
    walkIvr(DID, toTechnicalQueue, 9_500, { localPort: 5072, caller: '0611000002' }),
    walkIvr(DID, toTechnicalQueue, 20_000, { localPort: 5073, caller: '0611000003' }),
  ]);
  const classify = (r: typeof inIvr) => {
    t.is(r.sipp.code, 0, r.sipp.stdout.slice(-2000));
    return classifyCall({ callId: r.call!.id, tenant: 'energie', line: 'technique', did: DID, events: r.events.map((e, seq) => ({ ...e, seq })) });
  };
  const ivr = classify(inIvr);
  t.true(ivr.ivrAbandon, 'hung up before any queue: an IVR abandon');
  t.is(ivr.visits.length, 0);
  for (const [run, immediate] of [[early, true], [late, false]] as const) {
    const c = classify(run);
    t.false(c.ivrAbandon);
    t.is(c.visits.length, 1);
    const wait = eventData(run.events, 'queue.abandoned')[0]?.waitMs as number;
    t.like(c.visits[0]?.outcome, { kind: 'abandoned', immediate }, `waited ${wait} ms`);
    t.is(eventData(run.events, 'agent.offered').length, 0);
    const types = run.events.map((e) => e.type);
    t.true(types.indexOf('queue.abandoned') < types.indexOf('call.hangup'), 'the abandon comes before the hang-up');
  }
});

test('given the agents API, when called without a token, from another tenant, for an unknown tenant or with bad input, then it refuses clearly', async (t) => {
  const energie = await adminToken('energie');
  const habitat = await adminToken('habitat');
  t.is((await api(undefined, 'GET', '/api/tenants/energie/agents')).status, 401);
  t.is((await api(habitat, 'GET', '/api/tenants/energie/agents')).status, 403);
  t.is((await api(energie, 'GET', '/api/tenants/nobody/agents')).status, 404);
  const bad = await api(energie, 'POST', '/api/tenants/energie/agents', { login: 'x1', name: '', skills: [{ name: 'line', value: 'technique', level: 11 }] });
  t.is(bad.status, 400);
  t.regex(JSON.stringify(bad.body), /login/);
  t.regex(JSON.stringify(bad.body), /skills\.0\.level/);
  t.is((await api(energie, 'POST', '/api/tenants/energie/agents/00000000-0000-0000-0000-000000000000/state', { action: 'login' })).status, 404);
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  t.is((await api(energie, 'POST', `/api/tenants/energie/agents/${agent.id}/state`, { action: 'pause' })).status, 400, 'a pause needs a reason');
  t.is((await api(habitat, 'POST', `/api/tenants/energie/agents/${agent.id}/state`, { action: 'login' })).status, 403);
  t.is((await api(energie, 'POST', '/api/tenants/energie/agents', { login: agent.login, name: 'Twin', skills: [] })).status, 409, 'a login is unique in its tenant');
});

test('given agent tokens, when an agent changes its own state and then another agent\'s, then only its own changes', async (t) => {
  const [own, other] = [await createAgent(t, 'energie', TECHNICIAN), await createAgent(t, 'energie', TECHNICIAN)];
  const token = await agentToken('energie', own);
  const path = (a: { id: string }) => `/api/tenants/energie/agents/${a.id}/state`;

  // Neither phone is registered, so the ACD rings neither agent while they are logged in.
  t.like(await api(token, 'POST', path(own), { action: 'login' }), { status: 200, body: { id: own.id, state: 'available' } });
  const refused = await api(token, 'POST', path(other), { action: 'login' });
  t.like(refused, { status: 403, body: { error: { id: 'auth.other_agent', details: { agent: other.id } } } });
  t.is((await agentState('energie', other.id))?.state, 'logged_out', 'the other agent is untouched');
  t.like(await api(token, 'POST', path(own), { action: 'logout' }), { status: 200, body: { id: own.id, state: 'logged_out' } });
  t.like(await api(token, 'GET', '/api/tenants/energie/agents'), { status: 403, body: { error: { id: 'auth.role_forbidden' } } }, 'the list is for supervisors and admins');
  t.like(await api(token, 'POST', '/api/tenants/habitat/agents/00000000-0000-0000-0000-000000000000/state', { action: 'login' }), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
});

test('given an agent\'s desk phone, when it registers, dials the feature codes and unregisters, then the ACD follows each change', async (t) => {
  const agent = await createAgent(t, 'habitat', [{ name: 'line', value: 'technique', level: 3 }]);
  t.like(await agentState('habitat', agent.id), { state: 'logged_out', registered: false });
  await registerPhone(agent);
  await eventually(async () => (await agentState('habitat', agent.id))?.registered === true, { what: 'registered' });
  for (const [code, state, reason] of [['*11', 'available', null], ['*13', 'paused', 'break'], ['*14', 'available', null], ['*12', 'logged_out', null]] as const) {
    t.is(await dialFeatureCode(agent, code), 0, `${code} answered and confirmed`);
    t.like(await agentState('habitat', agent.id), { state, reason }, code);
  }
  t.not(await dialFeatureCode(agent, '*99'), 0, 'an unknown code is refused unanswered');
  await registerPhone(agent, 0);
  await eventually(async () => (await agentState('habitat', agent.id))?.registered === false, { what: 'unregistered' });
});
