// Connecting a caller with the agent who answered: the call's bridge is made then, with both
// channels in one request (two-party: nothing to mix), after the caller's own music stops. When
// Asterisk refuses the bridge, the caller is never left alone in it: the agent's leg goes, the
// reason is on the call, and the caller hears music again, back ahead in the queue.
import test from 'ava';
import { AGENT, flush, shellFixture } from './test-fixture.js';
import { acdOwner } from './ownership.js';
import { channelInfo } from '../../media/test-support.js';

test('given a waiting caller, when the agent answers, then the bridge is made with caller and agent in one request after the caller\'s music stops', async (t) => {
  const fx = await shellFixture(t);
  const { callId, channel, agentLeg } = await fx.talking();
  const bridge = `call-${callId}`;
  const ops = fx.media.ops.filter((o) => !o.startsWith('setVariable') && !o.startsWith('dial'));
  t.deepEqual(ops.slice(-3).sort(), [`addToBridge ${bridge} ${channel},${agentLeg}`, `createBridge ${bridge} mixing`, `stopMusicOnHold ${channel}`].sort());
  t.is(ops.at(-1), `addToBridge ${bridge} ${channel},${agentLeg}`, 'the bridge is filled once it exists');
  t.true(fx.acd.calls.get(callId)?.bridged);
});

test('given Asterisk refusing the bridge, when the agent answers, then the agent\'s leg is hung up, the caller hears music again and is back ahead in the queue, and why is written', async (t) => {
  const fx = await shellFixture(t);
  fx.media.failing.add('addToBridge');
  const { callId, channel, agentLeg } = await fx.talking();
  const bridge = `call-${callId}`;
  t.true(fx.media.ops.includes(`hangup ${agentLeg} normal`), 'the agent is let go');
  t.true(fx.media.ops.includes(`destroyBridge ${bridge}`), 'no bridge is left with the caller alone in it');
  const after = fx.media.ops.slice(fx.media.ops.indexOf(`destroyBridge ${bridge}`));
  t.true(after.includes(`startMusicOnHold ${channel}`), 'the caller hears music again');
  t.false(fx.acd.calls.get(callId)?.bridged);
  const failed = await fx.events('call.bridge_failed');
  t.is(failed.length, 1);
  t.like(failed[0]?.data, { leg: 'agent', agent: AGENT.id });
  t.regex(String(failed[0]?.data?.error), /addToBridge/);
  // The agent's leg ends as Asterisk reports it: the caller is not hung up with it.
  fx.gone(agentLeg);
  await flush();
  t.false(fx.media.ops.includes(`hangup ${channel} normal`), 'the caller stays');
  const entered = await fx.events('queue.entered');
  t.is(entered.length, 2, 'entered again');
  t.like(entered[1]?.data, { queue: 'technique', priority: 10 });
  // Asterisk accepts again: the next agent's answer connects the call.
  fx.media.failing.delete('addToBridge');
  fx.advance(60_000);
  fx.acd.command(AGENT.id, { type: 'unpause' });
  await flush();
  const offers = fx.dials().map((d) => d.channelId).filter((id) => id.startsWith(`ag-${callId}`));
  t.is(offers.length, 2, 'the call is offered again');
  t.not(offers[1], agentLeg);
});

test('given a caller gone while the agent\'s phone still rang, when the sweep tidies, then the orphan leg is hung up and said on the call', async (t) => {
  const fx = await shellFixture(t);
  const { callId } = fx.enqueue('technique');
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  const leg = fx.dials().find((d) => d.channelId.startsWith(`ag-${callId}`))?.channelId ?? '';
  const owner = acdOwner(fx.acd);
  t.true(owner.ownsChannel(channelInfo(leg, 'Ringing')));
  t.true(owner.ownsChannel(channelInfo(`sn-${callId}`, 'Up')), 'the call\'s snoop');
  t.false(owner.ownsChannel(channelInfo('sn-00000000-0000-4000-8000-000000000000', 'Up')), 'another call\'s snoop');
  // The caller's end reached the shell but the leg's hang-up was lost (a dropped event socket).
  const call = fx.acd.calls.get(callId);
  if (call) call.callerGone = true;
  t.is(owner.tidy?.(new Set([leg])), 1);
  await flush();
  t.true(fx.media.ops.includes(`hangup ${leg} normal`));
  t.deepEqual((await fx.events('leg.dropped')).map((e) => e.data), [{ leg: 'agent', agent: AGENT.id, reason: 'caller gone' }]);
  t.false(owner.ownsBridge(`call-${callId}`), 'no bridge of a finished call is ours');
  t.is(owner.tidy?.(new Set([leg])), 0, 'once');
});

test('given an agent\'s phone still being made by Asterisk, when the caller hangs up, then the leg is hung up again once it exists', async (t) => {
  const fx = await shellFixture(t);
  let release = (): void => undefined;
  fx.media.dialGate = new Promise<void>((r) => { release = r; });
  const { callId } = fx.enqueue('technique');
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  const leg = fx.dials().find((d) => d.channelId.startsWith(`ag-${callId}`))?.channelId ?? '';
  fx.acd.callerGone(callId);
  await flush();
  t.is(fx.media.ops.filter((o) => o === `hangup ${leg} normal`).length, 1, 'hung up while Asterisk made it: found nothing');
  release();
  await flush();
  t.is(fx.media.ops.filter((o) => o === `hangup ${leg} normal`).length, 2, 'hung up again once made');
});

test('given a leg whose hang-up did not take, when the sweep finds it stopping twice, then it is hung up again, and forgotten once Asterisk no longer has it', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  fx.media.failing.add(`hangup ${agentLeg} normal`);
  fx.acd.callerGone(callId);
  await flush();
  const owner = acdOwner(fx.acd);
  const live = new Set([agentLeg]);
  t.is(owner.tidy?.(live), 0, 'first seen stopping');
  t.is(owner.tidy?.(live), 1, 'still there: hung up again');
  await flush();
  t.is(fx.media.ops.filter((o) => o === `hangup ${agentLeg} normal`).length, 2);
  t.true(fx.acd.followsLeg(agentLeg));
  t.is(owner.tidy?.(new Set()), 1, 'gone from Asterisk');
  t.false(fx.acd.followsLeg(agentLeg), 'forgotten');
  t.false(owner.ownsChannel({ ...channelInfo(agentLeg, 'Up') }));
});
