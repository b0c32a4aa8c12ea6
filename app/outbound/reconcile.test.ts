// Outbound calls after a reconnection or a restart, as Asterisk lists its channels: a conversation
// goes on and closes with its recording, a call still ringing is ended, legs we cannot rebuild are
// hung up, agents left paused `outbound` with no call are made available again, and legs that
// vanished while the app was away close their call.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { legIdFor } from './legs.js';
import { reconcileOutbound } from './reconcile.js';
import { AGENT, COLLEAGUE, data, type OutboundFixture, outboundFixture, types } from './test-fixture.js';
import { channelInfo, silentWav } from '../media/test-support.js';
import { encodePlace, OUTBOUND_VARIABLE, type OutboundPlace } from './variables.js';

const CALL = '7f3c0a52-2b1e-4c8e-9a51-0d6f1e2a3b4c';
const place: OutboundPlace = { callId: CALL, tenant: 'energie', line: 'technique', did: '212520000001', agentId: AGENT.id, number: '0612345678', prior: { state: 'available' }, startedAt: Date.parse('2026-11-22T09:00:00Z') };

/** Asterisk as a restarted app finds it: this call's legs (in its bridge when both are up), with its variables. */
function asterisk(s: OutboundFixture, agentState: string, customerState?: string) {
  const agentLeg = legIdFor('agent', CALL);
  const customerLeg = legIdFor('customer', CALL);
  s.media.channels = [channelInfo(agentLeg, agentState), ...(customerState ? [channelInfo(customerLeg, customerState)] : [])];
  s.media.bridges = [{ id: `call-${CALL}`, kind: 'mixing', channelIds: customerState === 'Up' ? [agentLeg, customerLeg] : [agentLeg] }];
  s.media.variables.set(`${agentLeg}/${OUTBOUND_VARIABLE}`, encodePlace(place));
  // The agent was paused for the call; a restarted ACD reads that presence back.
  s.acd.command(AGENT.id, { type: 'pause', reason: 'outbound' });
}

test('given the app restarted during a conversation, when it reconnects, then the call goes on and closes with its recording when a side hangs up', async (t) => {
  const s = outboundFixture(t);
  asterisk(s, 'Up', 'Up');
  const startedAt = Date.parse('2026-11-22T09:00:20Z');
  s.media.variables.set(`${legIdFor('agent', CALL)}/CCAPP_RECORDING_AT`, String(startedAt));
  mkdirSync(join(s.dir, 'energie'), { recursive: true });
  writeFileSync(join(s.dir, 'energie', `${CALL}.wav`), silentWav(4000));

  t.like(await reconcileOutbound(s.media, s.service, s.log), { adopted: 1, dropped: 0, released: 0 });
  t.is(s.service.activeCalls, 1);
  t.like(s.acd.agentView(AGENT.id), { state: 'paused', reason: 'outbound' }, 'still on the call');
  await s.closeWith(CALL, ['agent', 'customer']);
  t.true(s.media.ops.includes(`hangup ${legIdFor('customer', CALL)} normal`), 'the agent hung up: the customer is hung up');
  t.deepEqual(types(s.written), ['call.reconciled', 'recording.stopped', 'call.hangup']);
  t.like(data(s.written, 'call.reconciled'), { resumed: 'talk', stage: 'talking' });
  t.like(s.outcome(), { hangup: { by: 'agent', cause: 16 }, agent: { state: 'available' } });
  t.like(s.written.find((e) => e.kind === 'recording'), { recording: { callId: CALL, name: `energie/${CALL}`, durationMs: 4000, startedAt: new Date(startedAt) } });
});

test('given the app restarted while the customer\'s phone rang, when it reconnects, then the call is ended as failed by the restart', async (t) => {
  const s = outboundFixture(t);
  asterisk(s, 'Up', 'Ringing');
  t.like(await reconcileOutbound(s.media, s.service, s.log), { adopted: 1 });
  t.true(s.media.ops.includes(`hangup ${legIdFor('agent', CALL)} normal`));
  t.true(s.media.ops.includes(`hangup ${legIdFor('customer', CALL)} normal`));
  await s.closeWith(CALL, ['agent', 'customer']);
  t.like(s.outcome(), { failed: { stage: 'customer', cause: 'app_restarted' }, hangup: { by: 'app' }, agent: { state: 'available' } });
});

test('given outbound legs no call can be rebuilt from and an agent paused outbound with no call, when the app reconnects, then the legs are hung up and the agent made available', async (t) => {
  const s = outboundFixture(t);
  const stray = legIdFor('customer', '00000000-0000-4000-8000-000000000001');
  s.media.channels = [channelInfo(stray, 'Up'), channelInfo('1795335000.42', 'Up')];
  s.acd.registration(COLLEAGUE.id, true);
  s.acd.command(COLLEAGUE.id, { type: 'login' });
  s.acd.command(COLLEAGUE.id, { type: 'pause', reason: 'outbound' });
  t.like(await reconcileOutbound(s.media, s.service, s.log), { adopted: 0, dropped: 1, released: 1 });
  t.deepEqual(s.media.ops.filter((o) => o.startsWith('hangup')), [`hangup ${stray} normal`], 'other channels are not ours to touch');
  t.like(s.acd.agentView(COLLEAGUE.id), { state: 'available' });
  t.like(s.acd.agentView(AGENT.id), { state: 'available' }, 'an agent available stays so');
});

test('given a call whose legs vanished while the app was disconnected, when it reconnects, then the call is closed with that reason', async (t) => {
  const s = outboundFixture(t);
  const callId = s.place();
  s.state('agent', callId, 'Up');
  await s.settled(callId);
  const call = s.call(callId);
  s.media.channels = [];
  t.like(await reconcileOutbound(s.media, s.service, s.log), { ended: 2 });
  await call?.done;
  await s.journal.idle();
  t.like(s.outcome(), { hangup: { by: 'unknown', cause: 0, causeText: 'ended while the app was disconnected from Asterisk' }, agent: { state: 'available' } });
  t.is(s.service.activeCalls, 0);
});
