// Hold and resume of a call an agent is talking on, from the panel and from the phones: the same
// events, music in the call's bridge meanwhile, and the panel's hold takes the agent's leg out of
// the bridge (and puts it back), also when a phone or a consultation comes in between.
import test from 'ava';
import { ADMIN, AGENT, flush, shellFixture } from './test-fixture.js';

const bridge = (callId: string) => `call-${callId}`;

test('given an agent talking, when the panel holds then resumes, then the caller hears music meanwhile, the agent is out of the bridge, and both are written', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  const before = fx.media.ops.length;
  t.is(fx.acd.hold(callId, true), 'ok');
  t.is(fx.acd.calls.get(callId)?.held, 'panel');
  await flush();
  t.is(fx.acd.hold(callId, true), 'already held');
  t.is(fx.acd.hold(callId, false), 'ok');
  t.is(fx.acd.hold(callId, false), 'not held');
  await flush();
  t.deepEqual(fx.media.ops.slice(before), [
    `removeFromBridge ${bridge(callId)} ${agentLeg}`, `startMusicOnHold ${bridge(callId)}`,
    `stopMusicOnHold ${bridge(callId)}`, `addToBridge ${bridge(callId)} ${agentLeg}`,
  ]);
  t.deepEqual((await fx.events('call.held')).map((e) => e.data), [{ by: 'agent', agent: AGENT.id }]);
  t.deepEqual((await fx.events('call.resumed')).map((e) => e.data), [{ by: 'agent', agent: AGENT.id }]);
});

test('given a call the panel holds, when the agent\'s phone resumes it, then the agent\'s leg goes back into the bridge', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  t.is(fx.acd.hold(callId, true), 'ok');
  await flush();
  const before = fx.media.ops.length;
  fx.acd.handleMedia({ kind: 'channel.hold', channelId: agentLeg, held: false });
  await flush();
  t.deepEqual(fx.media.ops.slice(before), [`stopMusicOnHold ${bridge(callId)}`, `addToBridge ${bridge(callId)} ${agentLeg}`]);
  t.is(fx.acd.calls.get(callId)?.held, undefined);
});

test('given a desk phone\'s hold, when the panel resumes, then only the music stops (the agent\'s leg never left) and the caller\'s hold is written as the caller\'s', async (t) => {
  const fx = await shellFixture(t);
  const { callId, channel, agentLeg } = await fx.talking();
  fx.acd.handleMedia({ kind: 'channel.hold', channelId: agentLeg, held: true });
  t.is(fx.acd.calls.get(callId)?.held, 'phone');
  await flush();
  const before = fx.media.ops.length;
  t.is(fx.acd.hold(callId, false), 'ok');
  await flush();
  t.deepEqual(fx.media.ops.slice(before), [`stopMusicOnHold ${bridge(callId)}`]);
  fx.acd.handleMedia({ kind: 'channel.hold', channelId: channel, held: true });
  t.deepEqual((await fx.events('call.held')).map((e) => e.data), [{ by: 'agent', agent: AGENT.id }, { by: 'caller' }]);
});

test('given a call the panel holds, when the agent consults a number, then the leg is not taken out twice and the hold is over', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  t.is(fx.acd.hold(callId, true), 'ok');
  await flush();
  const before = fx.media.ops.length;
  t.is(fx.acd.consult(callId, { kind: 'number', number: '0611223344' }, ADMIN), 'ok');
  await flush();
  t.false(fx.media.ops.slice(before).some((op) => op.startsWith(`removeFromBridge ${bridge(callId)}`)));
  t.true(fx.media.ops.slice(before).includes(`addToBridge consult-${callId} ${agentLeg}`));
  t.is(fx.acd.calls.get(callId)?.held, undefined);
  t.is(fx.acd.hold(callId, true), 'consulting');
});

test('given calls not talking with an agent, when the panel holds them, then it says why', async (t) => {
  const fx = await shellFixture(t);
  t.is(fx.acd.hold('00000000-0000-4000-8000-000000000000', true), 'unknown call');
  const waiting = fx.enqueue('commercial');
  t.is(fx.acd.hold(waiting.callId, true), 'not with an agent');
});
