// Blind transfers through the API on the real appliance: the agent on the call leaves (and wraps
// up), the caller hears music while the target is dialled, then talks with it: another agent of
// the tenant (by login), or an outside number through the carrier trunk (a SIPp UAS on the
// trunk's address).
import test from 'ava';
import { outsideNumber, callWithAgent, TECHNICAL_DID as DID, TECHNICIAN } from '../support/agent-call.js';
import { adminToken, agentState, connectPhone, createAgent, setState } from '../support/agents.js';
import { api } from '../support/api.js';
import { eventData, queuedCall, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';

const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];

test('given a caller talking with an agent, when the agent transfers the call to a colleague, then the colleague takes it, and bad transfer requests are refused', async (t) => {
  const token = await adminToken('energie');
  const first = await createAgent(t, 'energie', TECHNICIAN);
  const colleague = await createAgent(t, 'energie', [{ name: 'line', value: 'commercial', level: 5 }]);
  const firstPhone = await connectPhone('energie', first, { kind: 'answer', ringMs: 200 });
  const colleaguePhone = await connectPhone('energie', colleague, { kind: 'answer', ringMs: 200 });
  await setState('energie', first, { action: 'login' });
  const since = new Date(Date.now() - 1000);
  const walk = walkIvr(DID, toTechnicalQueue, 25_000, { localPort: 5101, caller: '0644000001' });
  const callId = await queuedCall('0644000001', since);
  t.is((await api(token, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { agentLogin: colleague.login })).status, 409, 'not with an agent yet');
  await eventually(() => Promise.resolve(firstPhone.count('ANSWERED') === 1), { what: 'the first agent answers' });

  t.is((await api(token, 'POST', '/api/tenants/energie/calls/00000000-0000-4000-8000-000000000000/transfer', { number: '0611' })).status, 404);
  t.is((await api(token, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { agentLogin: '99999999' })).status, 404);
  t.is((await api(token, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { number: 'not a number' })).status, 400);
  t.is((await api(await adminToken('habitat'), 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { agentLogin: colleague.login })).status, 403);
  const res = await api(token, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { agentLogin: colleague.login });
  t.is(res.status, 200, JSON.stringify(res.body));

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'call.transferred')[0], { mode: 'blind', by: first.id, to: { kind: 'agent', id: colleague.id } });
  t.is(eventData(events, 'transfer.answered').length, 1);
  t.is(firstPhone.count('BYE-RECEIVED'), 1, 'the first agent left the call at the transfer');
  t.is(colleaguePhone.count('ANSWERED'), 1);
  await eventually(() => Promise.resolve(colleaguePhone.count('BYE-RECEIVED') === 1), { what: 'the colleague hung up with the caller' });
  const types = events.map((e) => e.type);
  t.true(types.indexOf('call.transferred') < types.indexOf('transfer.answered'));
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
  await eventually(async () => (await agentState('energie', first.id))?.state === 'available', { what: 'the first agent free after wrap-up' });
});

test('given a caller talking with an agent, when the agent transfers the call to an outside number, then the number is dialled through the trunk and the caller talks with it', async (t) => {
  const token = await adminToken('energie');
  const outside = outsideNumber(t);
  const { agent, callId, walk } = await callWithAgent(t, '0644000002', 5102, 22_000);
  t.is((await api(token, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { number: '+33512345678' })).status, 200);

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'call.transferred')[0], { by: agent.id, to: { kind: 'number', id: '+33512345678' } });
  t.is(outside.count('ANSWERED'), 1, 'the outside number answered');
  t.is(eventData(events, 'transfer.answered').length, 1);
  await eventually(() => Promise.resolve(outside.count('BYE-RECEIVED') === 1), { what: 'the outside party hung up with the caller' });
});
