// Click-to-call on the real appliance: an agent asks the API to call a customer. The agent's
// phone (a SIPp UAS) rings first, showing the number; once it answers, the number is dialled
// through the carrier trunk (a SIPp UAS on the trunk's far end plays the customer's phone),
// showing the line's DID. The conversation is recorded (the utility's policy, opt_out, records
// unless the agent presses the key) and logged on one outbound call, and the agent, paused for the
// call, is available again afterwards.
import { existsSync, statSync } from 'node:fs';
import test from 'ava';
import { agentState, agentToken, createAgent, setState, type TestAgent } from '../support/agents.js';
import { api } from '../support/api.js';
import { db, inRoot, select } from '../support/appliance.js';
import { type CallRow, eventData, type EventRow } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { type IdentityPhone, registerPhoneAndWait, startIdentityPhone, TRUNK_FAR_END } from '../support/identity-phone.js';
import type { PhoneBehaviour } from '../support/phones.js';

const TENANT = 'energie';
/** The utility's first line (technique) and its number: what the customer sees by default. */
const DID = '212520000001';

/** An agent logged in and available, their phone answering and logging the identities it is shown. */
async function readyAgent(t: Parameters<typeof createAgent>[0], behaviour: PhoneBehaviour = { kind: 'answer', ringMs: 200 }): Promise<{ agent: TestAgent; phone: IdentityPhone; token: string }> {
  // No skills: no queue's calls are offered to this agent.
  const agent = await createAgent(t, TENANT, []);
  const phone = await registerPhoneAndWait(TENANT, agent, behaviour);
  await setState(TENANT, agent, { action: 'login' });
  return { agent, phone, token: await agentToken(TENANT, agent) };
}

/** The call once its end and its hang-up are written, with its events in order. */
async function endedOutboundCall(callId: string): Promise<{ call: CallRow & { direction: string }; events: EventRow[] }> {
  const conn = await db();
  try {
    const call = await eventually(async () => (await select<CallRow & { direction: string }>(conn, 'SELECT * FROM calls WHERE id = ? AND ended_at IS NOT NULL', [callId]))[0], { what: `the end of call ${callId}`, attempts: 900 });
    const events = await eventually(async () => {
      const rows = await select<EventRow>(conn, 'SELECT type, at, data FROM call_events WHERE call_id = ? ORDER BY at, seq', [callId]);
      return rows.some((r) => r.type === 'call.hangup') ? rows : undefined;
    }, { what: `the events of call ${callId}` });
    return { call, events };
  } finally {
    await conn.end();
  }
}

test('given an available agent, when they ask the API to call a customer, then their phone rings first, the customer sees the line\'s DID, and the call is recorded and logged as outbound', async (t) => {
  const { agent, phone, token } = await readyAgent(t);
  const customer = startIdentityPhone(TRUNK_FAR_END, { kind: 'answer', ringMs: 300, talkMs: 3_000 });
  t.teardown(() => customer.stop());

  const res = await api(token, 'POST', `/api/tenants/${TENANT}/agents/${agent.id}/calls`, { number: '+33612345678' });
  t.is(res.status, 201, JSON.stringify(res.body));
  const { callId } = res.body as { callId: string };
  t.regex(callId, /^[0-9a-f-]{36}$/);
  t.like(await api(token, 'POST', `/api/tenants/${TENANT}/agents/${agent.id}/calls`, { number: '0612345678' }), { status: 409, body: { error: { id: 'agent.busy' } } }, 'one call at a time');

  const other = await createAgent(t, TENANT, []);
  t.like(await api(await agentToken(TENANT, other), 'POST', `/api/tenants/${TENANT}/agents/${agent.id}/calls`, { number: '0612345678' }), { status: 403, body: { error: { id: 'auth.other_agent' } } });

  const { call, events } = await endedOutboundCall(callId);
  t.like(call, { direction: 'outbound', did: DID, caller_id: '33612345678', channel_id: `oa-${callId}-1` });
  t.truthy(call.answered_at, 'answered when the customer answered');

  const [agentInvite] = phone.invites();
  const [customerInvite] = customer.invites();
  t.like(agentInvite, { fromUser: '+33612345678' }, 'the agent\'s phone shows the number to be called');
  t.like(customerInvite, { requestUser: '33612345678', fromUser: DID }, 'the trunk gets the digits, the customer sees the DID');
  t.true(customerInvite?.paiUser === '' || customerInvite?.paiUser === DID, `a P-Asserted-Identity, if any, is the DID too: ${customerInvite?.paiUser}`);
  const agentAnswered = phone.lines().find((l) => l.what === 'ANSWERED')?.at;
  t.truthy(agentInvite && agentAnswered && customerInvite && agentInvite.at < agentAnswered && agentAnswered < customerInvite.at, 'the agent\'s phone rang and answered before the customer was dialled');
  await eventually(() => Promise.resolve(customer.count('BYE-SENT') === 1), { what: 'the customer hung up' });
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent\'s phone hung up after the customer' });

  const order = ['outbound.requested', 'agent.answered', 'outbound.ringing', 'outbound.answered', 'recording.started', 'call.hangup'];
  t.deepEqual(events.map((e) => e.type).filter((x) => order.includes(x)), order);
  t.is(eventData(events, 'recording.stopped').length, 1);
  t.like(eventData(events, 'outbound.requested')[0], { agent: agent.id, number: '33612345678', line: 'technique', did: DID });
  t.like(eventData(events, 'call.hangup')[0], { by: 'customer', cause: 16 });
  t.is(eventData(events, 'outbound.failed').length, 0);

  const conn = await db();
  t.teardown(() => conn.end());
  const [rec] = await eventually(async () => {
    const rows = await select<{ name: string; path: string; size_bytes: number; duration_ms: number }>(conn, 'SELECT name, path, size_bytes, duration_ms FROM recordings WHERE call_id = ?', [callId]);
    return rows.length ? rows : undefined;
  }, { what: 'the recording row' });
  t.is(rec?.name, `${TENANT}/${callId}`);
  const path = inRoot(rec?.path ?? '');
  t.true(existsSync(path), path);
  t.is(statSync(path).size, Number(rec?.size_bytes));
  t.true((rec?.duration_ms ?? 0) > 1_000, `the conversation lasted seconds; the recording has ${rec?.duration_ms} ms`);
  await eventually(async () => (await agentState(TENANT, agent.id))?.state === 'available', { what: 'the agent available again' });
});

test('given a customer whose line is busy, when an agent calls them, then the failure is logged, the agent\'s phone is hung up and the agent is available again', async (t) => {
  const { agent, phone, token } = await readyAgent(t);
  const customer = startIdentityPhone(TRUNK_FAR_END, { kind: 'busy' });
  t.teardown(() => customer.stop());

  const res = await api(token, 'POST', `/api/tenants/${TENANT}/agents/${agent.id}/calls`, { number: '0612345678', line: 'commercial' });
  t.is(res.status, 201, JSON.stringify(res.body));
  const { callId } = res.body as { callId: string };
  const { call, events } = await endedOutboundCall(callId);
  t.like(call, { direction: 'outbound', did: '212520000002', answered_at: null });
  t.like(customer.invites()[0], { requestUser: '0612345678', fromUser: '212520000002' }, 'the asked line\'s DID');
  t.like(eventData(events, 'outbound.failed')[0], { stage: 'customer', cause: 'busy', q850: 17 });
  t.like(eventData(events, 'call.hangup')[0], { by: 'customer', cause: 17 });
  t.is(eventData(events, 'recording.started').length, 0);
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent\'s phone hung up' });
  await eventually(async () => (await agentState(TENANT, agent.id))?.state === 'available', { what: 'the agent available again' });
});
