// Click-to-call flows through the service, with the ACD's real shell and core deciding the
// agent's state and the journal's real queue (in memory): the media core records what is asked
// of Asterisk and the test plays Asterisk's events. Timers fire when the test says.
import test from 'ava';
import type { JournalEntry } from '../journal/entries.js';
import { eventually } from '../../test/support/eventually.js';
import { AGENT, agentStates, data, NUMBER, type OutboundFixture, outboundFixture, types } from './test-fixture.js';
import { decodePlace, OUTBOUND_VARIABLE } from './variables.js';

type Setup = OutboundFixture;
const setup = outboundFixture;
const agent = AGENT;
const answeredUpdates = (w: JournalEntry[]) => w.filter((e) => e.kind === 'call-update' && e.update.answeredAt);

/** Places a call and plays it up to the customer's phone ringing (the agent answered). */
async function toCustomerRinging(s: Setup, callId = s.place()): Promise<string> {
  s.state('agent', callId, 'Ringing');
  s.state('agent', callId, 'Up');
  await s.settled(callId);
  s.state('customer', callId, 'Ringing');
  return callId;
}

/** Ends the call from one side: that leg goes, the app hangs the other up, it goes too. */
const hangUp = (s: Setup, callId: string, first: 'agent' | 'customer', cause = 16, causeText = 'Normal Clearing') =>
  s.closeWith(callId, [first, first === 'agent' ? 'customer' : 'agent'], cause, causeText);

test('given an available agent, when they place a call, then their phone rings first, the customer is dialled once they answer, and the conversation is recorded and logged on one call', async (t) => {
  const s = setup(t);
  const callId = s.place();
  t.like(s.acd.agentView(agent.id), { state: 'paused', reason: 'outbound' }, 'the ACD offers the agent nothing meanwhile');
  await s.settled(callId);
  const [agentDial] = s.media.dials;
  t.like(agentDial, { channelId: `oa-${callId}-1`, endpoint: 'PJSIP/energie-101', appArgs: ['outbound-leg', callId] });
  t.like(agentDial?.variables, { 'CALLERID(num)': NUMBER, 'CONNECTEDLINE(num,i)': NUMBER }, 'the agent sees the number to be called');
  t.like(decodePlace(agentDial?.variables?.[OUTBOUND_VARIABLE]), { callId, tenant: 'energie', agentId: agent.id, number: '33612345678', did: '212520000001', prior: { state: 'available' } });
  t.deepEqual(s.timers.pending(), [20_000]);

  await toCustomerRinging(s, callId);
  const customerDial = s.media.dials[1];
  t.like(customerDial, { channelId: `oc-${callId}-1`, endpoint: 'PJSIP/33612345678@carrier-demo', appArgs: ['outbound-leg', callId] });
  t.like(customerDial?.variables, { 'CALLERID(num)': '212520000001', 'CONNECTEDLINE(num,i)': '212520000001' }, 'the customer sees the line\'s DID');
  t.deepEqual(s.timers.pending(), [60_000], 'the agent\'s ring timer is off, the customer\'s on');

  s.state('customer', callId, 'Up');
  await s.settled(callId);
  t.deepEqual(s.timers.pending(), []);
  const bridge = `call-${callId}`;
  t.deepEqual(s.media.ops.filter((o) => !o.startsWith('setVariable')), [
    `dial oa-${callId}-1`, `createBridge ${bridge} mixing`, `addToBridge ${bridge} oa-${callId}-1`, `startMusicOnHold ${bridge}`, `dial oc-${callId}-1`,
    `stopMusicOnHold ${bridge}`, `addToBridge ${bridge} oc-${callId}-1`,
    // Recorded through a snoop on the agent's leg (both directions): the bridge stays two-party.
    `snoop oa-${callId}-1 sn-${callId}`, `startRecording sn-${callId} energie/${callId}`,
  ]);

  await hangUp(s, callId, 'customer');
  t.true(s.media.ops.includes(`hangup oa-${callId}-1 normal`), 'the agent\'s leg is hung up after the customer');
  t.deepEqual(types(s.written), ['outbound.requested', 'agent.answered', 'outbound.ringing', 'outbound.answered', 'recording.started', 'recording.stopped', 'call.hangup']);
  t.like(data(s.written, 'outbound.requested'), { agent: agent.id, number: '33612345678', line: 'technique', did: '212520000001' });
  t.like(data(s.written, 'call.hangup'), { by: 'customer', cause: 16 });
  t.like(s.written.find((e) => e.kind === 'call'), { call: { id: callId, direction: 'outbound', callerId: '33612345678', did: '212520000001', line: 'technique', channelId: `oa-${callId}-1` } });
  const updates = s.written.flatMap((e) => (e.kind === 'call-update' ? [e.update] : []));
  t.is(updates.filter((u) => u.answeredAt).length, 1);
  t.like(updates.find((u) => u.endedAt), { hangupCause: 16, hangupReason: 'Normal Clearing' });
  const recording = s.written.find((e) => e.kind === 'recording');
  t.like(recording, { recording: { callId, name: `energie/${callId}`, durationMs: 1500 } });
  t.is(recording?.kind === 'recording' ? recording.recording.sha256?.length : 0, 64, 'the file was measured');
  t.like(s.acd.agentView(agent.id), { state: 'available' });
  t.deepEqual(agentStates(s.written).map((d) => [d.to, d.reason ?? null]), [['available', null], ['paused', 'outbound'], ['available', null]]);
  t.is(s.service.activeCalls, 0);
});

test('given the customer is busy, when the number is dialled, then the agent is hung up, the failure is logged and the agent is available again', async (t) => {
  const s = setup(t);
  const callId = await toCustomerRinging(s);
  await hangUp(s, callId, 'customer', 17, 'User busy');
  t.true(s.media.ops.includes(`hangup oa-${callId}-1 normal`));
  t.like(s.outcome(), { failed: { stage: 'customer', cause: 'busy', q850: 17 }, hangup: { by: 'customer', cause: 17 }, agent: { state: 'available' } });
  t.false(types(s.written).includes('recording.started'));
  t.deepEqual(answeredUpdates(s.written), []);
});

test('given the customer does not answer within 60 s, when the timer fires, then the number is hung up with no answer and so is the agent', async (t) => {
  const s = setup(t);
  const callId = await toCustomerRinging(s);
  s.timers.fire();
  t.true(s.media.ops.includes(`hangup oc-${callId}-1 no_answer`));
  await hangUp(s, callId, 'customer', 19, 'No answer');
  t.like(s.outcome(), { failed: { stage: 'customer', cause: 'no_answer' }, hangup: { by: 'app' } });
});

test('given the agent\'s phone does not answer within 20 s, when the timer fires, then the call ends before any number is dialled', async (t) => {
  const s = setup(t);
  const callId = s.place();
  s.state('agent', callId, 'Ringing');
  s.timers.fire();
  t.true(s.media.ops.includes(`hangup oa-${callId}-1 no_answer`));
  await s.closeWith(callId, ['agent']);
  t.is(s.media.dials.length, 1, 'the customer was never dialled');
  t.like(s.outcome(), { failed: { stage: 'agent', cause: 'no_answer' }, hangup: { by: 'app' }, agent: { state: 'available' } });
});

test('given an agent paused for a break, when their phone refuses the call, then the failure is logged and they are paused for their break again', async (t) => {
  const s = setup(t, { state: 'break' });
  const callId = s.place();
  t.like(s.acd.agentView(agent.id), { state: 'paused', reason: 'outbound' });
  await s.closeWith(callId, ['agent'], 21, 'Call Rejected');
  t.like(s.outcome(), { failed: { stage: 'agent', cause: 'refused', q850: 21 }, hangup: { by: 'agent', cause: 21 }, agent: { state: 'paused', reason: 'break' } });
});

test('given the agent hangs up while the customer\'s phone rings, then the number is hung up and no failure is logged', async (t) => {
  const s = setup(t, { policy: 'off' });
  const callId = await toCustomerRinging(s);
  await hangUp(s, callId, 'agent');
  t.true(s.media.ops.includes(`hangup oc-${callId}-1 normal`));
  t.false(types(s.written).includes('outbound.failed'));
  t.like(data(s.written, 'call.hangup'), { by: 'agent' });
});

test('given the tenant records nothing, when the customer answers, then no recording starts', async (t) => {
  const s = setup(t, { policy: 'off' });
  const callId = await toCustomerRinging(s);
  s.state('customer', callId, 'Up');
  await hangUp(s, callId, 'agent');
  t.false(s.media.ops.some((o) => o.startsWith('startRecording')));
  t.false(s.written.some((e) => e.kind === 'recording'));
  t.like(data(s.written, 'call.hangup'), { by: 'agent' });
});

test('given Asterisk failing a request, when the call needs it, then the error is logged on the call, the legs are hung up and the call closed', async (t) => {
  const s = setup(t);
  s.media.failing.add('createBridge');
  const callId = s.place();
  s.state('agent', callId, 'Up');
  await s.settled(callId);
  t.true(s.media.ops.includes(`hangup oa-${callId}-1 normal`));
  await s.closeWith(callId, ['agent']);
  t.like(s.outcome(), { failed: { stage: 'customer', cause: 'error' }, hangup: { by: 'app' }, agent: { state: 'available' } });
});

test('given Asterisk refusing to create the agent\'s channel, when the call is placed, then it closes at once with the failure and the agent is available', async (t) => {
  const s = setup(t);
  s.media.failing.add('dial');
  const callId = s.place();
  await s.closeWith(callId, []);
  t.like(s.outcome(), { failed: { stage: 'agent', cause: 'error' }, agent: { state: 'available' } });
  t.is(s.service.activeCalls, 0);
});

test('given agents who cannot place a call, when they try, then they are refused with agent.busy and nothing is dialled', async (t) => {
  const out = setup(t, { state: 'logged_out' });
  t.like(t.throws(() => out.place(), { message: /not logged in/ }), { id: 'agent.busy', status: 409 });
  const s = setup(t);
  const first = s.place();
  t.like(t.throws(() => s.place()), { id: 'agent.busy', status: 409 }, 'one call at a time');
  await s.settled(first);
  t.is(s.media.dials.length, 1);
  const offline = setup(t);
  offline.media.connected = false;
  t.like(t.throws(() => offline.place()), { id: 'media.unavailable', status: 503 });
  t.like(offline.acd.agentView(agent.id), { state: 'available' }, 'a refused call leaves the agent as they were');
});

test('given the agent hangs up while the customer\'s channel is being made, when it is made, then it is hung up and the call closes', async (t) => {
  const s = setup(t);
  const callId = s.place();
  await s.settled(callId);
  let made = (): void => undefined;
  s.media.dialGate = new Promise((resolve) => { made = resolve; });
  s.state('agent', callId, 'Up');
  // The customer's dial is asked for; the agent hangs up before Asterisk has made the channel.
  await eventually(() => Promise.resolve(s.media.dials.length === 2));
  s.gone('agent', callId);
  made();
  await s.settled(callId);
  const hangups = () => s.media.ops.filter((o) => o.startsWith('hangup'));
  t.deepEqual(hangups(), [`hangup oc-${callId}-1 normal`, `hangup oc-${callId}-1 normal`], 'hung up at the end, and again once made');
  s.state('customer', callId, 'Up');
  t.is(hangups().length, 3, 'an answer after the end is hung up too');
  await s.closeWith(callId, ['customer']);
  t.like(s.outcome(), { hangup: { by: 'agent' }, agent: { state: 'available' } });
  t.false(types(s.written).includes('outbound.answered'));
});

test('given the tenant lets agents opt out, when the agent presses the key during the conversation, then the recording is discarded and none is stored', async (t) => {
  const s = setup(t, { policy: 'opt_out' });
  const callId = await toCustomerRinging(s);
  s.state('customer', callId, 'Up');
  await s.settled(callId);
  t.true(s.media.ops.includes(`startRecording sn-${callId} energie/${callId}`), 'recorded until the agent opts out');
  s.service.handleMedia({ kind: 'dtmf', channelId: `oc-${callId}-1`, digit: '*', durationMs: 100 });
  s.service.handleMedia({ kind: 'dtmf', channelId: `oa-${callId}-1`, digit: '5', durationMs: 100 });
  await s.settled(callId);
  t.false(s.media.ops.some((o) => o.startsWith('cancelRecording')), 'the customer\'s keys and other keys do nothing');
  s.service.handleMedia({ kind: 'dtmf', channelId: `oa-${callId}-1`, digit: '*', durationMs: 100 });
  await s.settled(callId);
  t.true(s.media.ops.includes(`cancelRecording energie/${callId}`));
  t.true(s.media.ops.includes(`hangup sn-${callId} normal`), 'the snoop goes with its recording');
  await hangUp(s, callId, 'customer');
  t.like(data(s.written, 'recording.opted_out'), { agent: agent.id, discarded: `energie/${callId}` });
  t.false(s.written.some((e) => e.kind === 'recording'), 'no recording is stored');
  t.false(types(s.written).includes('recording.stopped'));
});

test('given the tenant lets agents opt out, when the agent presses the key before the customer answers, then no recording starts', async (t) => {
  const s = setup(t, { policy: 'opt_out' });
  const callId = await toCustomerRinging(s);
  s.service.handleMedia({ kind: 'dtmf', channelId: `oa-${callId}-1`, digit: '*', durationMs: 100 });
  s.state('customer', callId, 'Up');
  await hangUp(s, callId, 'agent');
  t.false(s.media.ops.some((o) => o.startsWith('startRecording') || o.startsWith('cancelRecording')));
  t.like(data(s.written, 'recording.opted_out'), { discarded: null });
});
