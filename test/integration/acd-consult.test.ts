// Attended transfers through the API on the real appliance: the agent on a call consults a
// colleague or an outside number (the caller waits with music in the call's bridge, the agent and
// the target talk in a bridge of their own), then hands the caller over or takes them back; a
// target that is busy sends the agent back to the caller. Bridges are read from ARI.
import test from 'ava';
import { callWithAgent, outsideNumber } from '../support/agent-call.js';
import { adminToken, agentState, agentToken, connectPhone, createAgent } from '../support/agents.js';
import { api } from '../support/api.js';
import { ari } from '../support/appliance.js';
import { eventData } from '../support/calls.js';
import { eventually } from '../support/eventually.js';

/** The channels in an ARI bridge, none when it does not exist. */
async function members(bridgeId: string): Promise<string[]> {
  try {
    return (await ari<{ channels: string[] }>(`/bridges/${bridgeId}`)).channels.sort();
  } catch {
    return [];
  }
}
const consultPath = (callId: string, step = '') => `/api/tenants/energie/calls/${callId}/consult${step}`;

test('given an agent on a call, when they consult a colleague and complete, then the colleague talks with the caller and the agent wraps up', async (t) => {
  const colleague = await createAgent(t, 'energie', [{ name: 'line', value: 'commercial', level: 5 }]);
  const colleaguePhone = await connectPhone('energie', colleague, { kind: 'answer', ringMs: 200 });
  const { agent: first, phone: firstPhone, callId, walk } = await callWithAgent(t, '0644000011', 5111, 30_000);
  const [callerChannel] = (await members(`call-${callId}`)).filter((c) => !c.startsWith('ag-'));

  // Only the agent on the call may consult with an agent's token.
  t.is((await api(await agentToken('energie', colleague), 'POST', consultPath(callId), { agentLogin: colleague.login })).status, 403);
  t.is((await api(await adminToken('energie'), 'POST', consultPath(callId, '/complete'))).status, 409, 'no consultation yet');
  const own = await agentToken('energie', first);
  const res = await api(own, 'POST', consultPath(callId), { agentLogin: colleague.login });
  t.is(res.status, 200, JSON.stringify(res.body));
  t.is((await api(own, 'POST', consultPath(callId), { number: '0611223344' })).status, 409, 'one consultation at a time');

  // Consulting: the caller alone in the call's bridge (with music), the agent and the colleague in the consultation's.
  await eventually(async () => (await members(`consult-${callId}`)).length === 2, { what: 'the colleague answers into the consultation' });
  t.deepEqual(await members(`call-${callId}`), [callerChannel]);
  t.true((await members(`consult-${callId}`)).every((c) => c.startsWith('ag-') || c.startsWith('cs-')));

  t.is((await api(own, 'POST', consultPath(callId, '/complete'))).status, 200);
  await eventually(async () => (await members(`call-${callId}`)).some((c) => c.startsWith('cs-')), { what: 'the colleague joins the caller' });
  t.is((await members(`call-${callId}`)).length, 2);
  t.deepEqual(await members(`consult-${callId}`), [], 'the consultation bridge is gone');

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  const types = events.map((e) => e.type);
  t.deepEqual(types.filter((x) => x.startsWith('consult.') || x === 'call.transferred'), ['consult.started', 'consult.answered', 'call.transferred']);
  t.like(eventData(events, 'call.transferred')[0], { mode: 'attended', by: first.id, to: { kind: 'agent', id: colleague.id } });
  t.is(firstPhone.count('BYE-RECEIVED'), 1, 'the first agent left at the hand-over');
  await eventually(() => Promise.resolve(colleaguePhone.count('BYE-RECEIVED') === 1), { what: 'the colleague hung up with the caller' });
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
  await eventually(async () => (await agentState('energie', first.id))?.state === 'available', { what: 'the first agent free after wrap-up' });
});

test('given an agent consulting an outside number, when they cancel, then the number is hung up and the agent is back with the caller', async (t) => {
  const outside = outsideNumber(t);
  const { phone, callId, walk } = await callWithAgent(t, '0644000012', 5112, 30_000);
  const talking = await members(`call-${callId}`);
  const token = await adminToken('energie');
  t.is((await api(token, 'POST', consultPath(callId), { number: '+33512345678' })).status, 200);
  await eventually(() => Promise.resolve(outside.count('ANSWERED') === 1), { what: 'the outside number answers' });
  await eventually(async () => (await members(`consult-${callId}`)).length === 2, { what: 'agent and outside number in the consultation' });

  t.is((await api(token, 'POST', consultPath(callId, '/cancel'))).status, 200);
  await eventually(() => Promise.resolve(outside.count('BYE-RECEIVED') === 1), { what: 'the outside number hung up' });
  await eventually(async () => JSON.stringify(await members(`call-${callId}`)) === JSON.stringify(talking), { what: 'the agent back with the caller' });
  t.is(phone.count('BYE-RECEIVED'), 0, 'the agent stayed on the call');

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(eventData(events, 'consult.ended'), [{ reason: 'cancelled' }]);
  t.is(eventData(events, 'call.transferred').length, 0);
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent hung up with the caller' });
});

test('given an agent consulting a colleague whose phone is busy, when it refuses, then the agent is back with the caller', async (t) => {
  const colleague = await createAgent(t, 'energie', [{ name: 'line', value: 'commercial', level: 5 }]);
  await connectPhone('energie', colleague, { kind: 'busy' });
  const { phone, callId, walk } = await callWithAgent(t, '0644000013', 5113, 25_000);
  const talking = await members(`call-${callId}`);
  const token = await adminToken('energie');
  t.is((await api(token, 'POST', consultPath(callId), { agentLogin: colleague.login })).status, 200);
  await eventually(async () => (await api(token, 'POST', consultPath(callId, '/complete'))).status === 409
    && JSON.stringify(await members(`call-${callId}`)) === JSON.stringify(talking), { what: 'the agent back with the caller' });

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(eventData(events, 'consult.ended'), [{ reason: 'failed' }]);
  t.is(phone.count('BYE-RECEIVED'), 1, 'the agent talked with the caller until the caller hung up');
});
