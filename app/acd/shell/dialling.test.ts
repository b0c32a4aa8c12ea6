// Every number the ACD dials goes through the tenant's dialling guard: transfers and
// consultations asked through the API, the callback number a caller gives (and a callback restored
// after a restart), overflow to a number. Refusals are written on the call; a number's leg holds a
// lease on the tenant's outbound capacity until it ends, whichever way it ends.
import test from 'ava';
import { ADMIN, AGENT, flush, shellFixture } from './test-fixture.js';

test('given an agent on a call, when a transfer to an emergency number is asked, then it is refused, written on the call, and the call goes on', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  t.deepEqual(fx.acd.transfer(callId, { kind: 'number', number: '112' }, ADMIN), { refused: 'emergency' });
  t.deepEqual(fx.acd.consult(callId, { kind: 'number', number: '15' }, ADMIN), { refused: 'emergency' });
  await flush();
  const refused = await fx.events('dialling.refused');
  t.deepEqual(refused.map((e) => [e.callId, e.data]), [
    [callId, { number: '112', rule: 'emergency', purpose: 'transfer', requestedBy: ADMIN }],
    [callId, { number: '15', rule: 'emergency', purpose: 'consult', requestedBy: ADMIN }],
  ]);
  t.deepEqual(fx.dials().map((d) => d.channelId), [agentLeg], 'nothing dialled');
  t.false(fx.media.ops.some((op) => op.startsWith(`hangup ${agentLeg}`)), 'the agent stays on the call');
  t.is(fx.acd.agentOnCall(callId)?.channelId, agentLeg);
  t.is((await fx.events('call.transferred')).length, 0);
  t.is(fx.live(), 0);
});

test('given a blind transfer to an allowed number, when dialled, then the trunk gets its digits and the leg counts until it fails', async (t) => {
  const fx = await shellFixture(t);
  const { callId } = await fx.talking();
  t.is(fx.acd.transfer(callId, { kind: 'number', number: '+33612345678' }, ADMIN), 'ok');
  await flush();
  const leg = fx.dials().find((d) => d.channelId.startsWith('tr-'));
  t.is(leg?.endpoint, 'PJSIP/33612345678@carrier-demo');
  t.is(fx.live(), 1);
  t.is(fx.acd.dialling.limiter.liveForAgent(AGENT.id), 0, 'the agent left: a blind transfer counts for the tenant only');
  fx.gone(leg?.channelId ?? '');
  t.is(fx.live(), 0, 'released when the target refused');
});

test('given a transfer answered, when the far end hangs up, then its lease is released; a dial Asterisk refuses releases it at once', async (t) => {
  const fx = await shellFixture(t);
  const first = await fx.talking();
  t.is(fx.acd.transfer(first.callId, { kind: 'number', number: '0612345678' }, ADMIN), 'ok');
  await flush();
  const leg = fx.dials().find((d) => d.channelId.startsWith('tr-'))?.channelId ?? '';
  t.is(fx.dials().find((d) => d.channelId === leg)?.endpoint, 'PJSIP/0612345678@carrier-demo', 'a national number as typed');
  fx.state(leg, 'Up');
  await flush();
  t.is(fx.live(), 1, 'an answered leg still counts');
  fx.gone(leg);
  t.is(fx.live(), 0);

  fx.acd.command(AGENT.id, { type: 'unpause' });
  fx.advance(20_000); // the first call's wrap-up
  const second = await fx.talking('technique', '0655000002');
  fx.media.failing.add('dial');
  t.is(fx.acd.transfer(second.callId, { kind: 'number', number: '0612345678' }, ADMIN), 'ok');
  await flush();
  t.is(fx.live(), 0, 'the dial failed: released');
});

test('given a consultation of a number, when completed, then the leg stops counting against the agent; a reconciliation finding it gone releases it', async (t) => {
  const fx = await shellFixture(t, { maxConcurrentOutboundPerAgent: 1 });
  const { callId } = await fx.talking();
  t.is(fx.acd.consult(callId, { kind: 'number', number: '0611223344' }, ADMIN), 'ok');
  await flush();
  const leg = fx.dials().find((d) => d.channelId.startsWith('cs-'))?.channelId ?? '';
  t.is(fx.acd.dialling.limiter.liveForAgent(AGENT.id), 1);
  fx.state(leg, 'Up');
  await flush();
  t.is(fx.acd.endConsult(callId, 'complete'), 'ok');
  t.is(fx.acd.dialling.limiter.liveForAgent(AGENT.id), 0);
  t.is(fx.live(), 1);
  fx.acd.legsGoneExcept(new Set());
  t.is(fx.live(), 0, 'the leg vanished while the app was away');
});

test('given an agent at their cap, when they consult a number, then 429\'s rule comes back and nothing is dialled', async (t) => {
  const fx = await shellFixture(t, { maxConcurrentOutboundPerAgent: 1 });
  const { callId } = await fx.talking();
  const held = fx.acd.dialling.limiter.adopt('energie', AGENT.id);
  t.deepEqual(fx.acd.consult(callId, { kind: 'number', number: '0611223344' }, ADMIN), { refused: 'agent_limit' });
  held.release();
  t.is(fx.live(), 0);
  t.like((await fx.events('dialling.refused'))[0]?.data, { rule: 'agent_limit', purpose: 'consult' });
});

test('given a withheld caller asking for a callback, when they type a premium number, then they hear the refusal, are asked again, and the allowed number is requested', async (t) => {
  const fx = await shellFixture(t);
  const { callId, channel } = fx.enqueue('technique', '');
  await fx.keys(channel, '1');
  await fx.keys(channel, '0033899123456#');
  t.deepEqual(fx.plays.at(-1), ['sound:callback-number-refused', 'sound:callback-enter-number']);
  t.deepEqual((await fx.events('dialling.refused')).map((e) => e.data), [{ number: '0033899123456', rule: 'premium', purpose: 'callback', requestedBy: { kind: 'caller' } }]);
  await fx.keys(channel, '0655000003#');
  t.is(fx.plays.at(-1)?.[0], 'sound:callback-number-is');
  await fx.keys(channel, '1');
  t.like((await fx.events('callback.requested'))[0], { callId, data: { queue: 'technique', number: '0655000003' } });
  t.deepEqual(fx.dials(), [], 'nothing dialled: no agent yet');
});

test('given a caller whose own number the policy refuses, when they ask for a callback, then it is not read back: they are asked for another', async (t) => {
  const fx = await shellFixture(t);
  const { channel } = fx.enqueue('technique', '+447911123456');
  await fx.keys(channel, '1');
  t.deepEqual((await fx.events('callback.dialogue_started')).map((e) => e.data), [{ numberKnown: true }]);
  t.like((await fx.events('dialling.refused'))[0]?.data, { number: '447911123456', rule: 'not_allowed_country' });
  t.deepEqual(fx.plays.at(-1), ['sound:callback-number-refused', 'sound:callback-enter-number']);
});

const pending = (number: string) => ({
  callId: '9d3a1c2e-5b4f-4a6d-8e7f-001122334455', tenant: 'energie', line: 'technique', did: '212520000001', callerNumber: '', channelId: 'gone-1',
  startedAt: new Date('2026-12-07T09:50:00Z'), queue: 'technique', enteredAt: new Date('2026-12-07T09:51:00Z'), language: 'fr', number, attempts: 0,
});

test('given a callback promised before a restart to a number the policy now refuses, when restored, then it is given up and said so', async (t) => {
  const fx = await shellFixture(t);
  t.is(fx.acd.adoptCallbacks([pending('0891234567')]), 0);
  t.like((await fx.events('dialling.refused'))[0]?.data, { number: '0891234567', rule: 'premium', purpose: 'callback', requestedBy: { kind: 'caller' } });
  t.like((await fx.events('callback.failed'))[0]?.data, { queue: 'technique', number: '0891234567', reason: 'dialling.refused', rule: 'premium' });
  t.is((await fx.events('callback.restored')).length, 0);
});

test('given a restored callback at its turn with the tenant at its cap, when the agent answers, then the number is not dialled, the agent is freed and the core tries later', async (t) => {
  const fx = await shellFixture(t, { maxConcurrentOutbound: 1, maxConcurrentOutboundPerAgent: 1 });
  t.is(fx.acd.adoptCallbacks([pending('0655000001')]), 1);
  const held = fx.acd.dialling.limiter.adopt('energie', null);
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  const agentLeg = fx.dials()[0]?.channelId ?? '';
  fx.state(agentLeg, 'Up');
  await flush();
  t.false(fx.dials().some((d) => d.channelId.startsWith('cb-')));
  t.like((await fx.events('dialling.refused'))[0]?.data, { rule: 'tenant_limit', purpose: 'callback' });
  t.like((await fx.events('callback.result'))[0]?.data, { answered: false });
  t.true(fx.media.ops.includes(`hangup ${agentLeg} normal`));
  held.release();
  t.is(fx.live(), 0);
});

test('given a queue overflowing to a number with the tenant at its cap, when it overflows, then the call stays in its queue; later it overflows through the trunk', async (t) => {
  const fx = await shellFixture(t, { maxConcurrentOutbound: 1, maxConcurrentOutboundPerAgent: 1 });
  const held = fx.acd.dialling.limiter.adopt('energie', null);
  const { callId } = fx.enqueue('entreprise', '0633000002');
  fx.advance(90_001);
  await flush();
  t.like((await fx.events('dialling.refused'))[0], { callId, data: { number: '212520000099', rule: 'tenant_limit', purpose: 'overflow', requestedBy: { kind: 'queue', queue: 'entreprise' } } });
  t.deepEqual((await fx.events('queue.entered')).map((e) => e.data.queue), ['entreprise', 'entreprise'], 'back in its queue');
  t.deepEqual(fx.dials(), []);
  held.release();
  fx.advance(90_001);
  await flush();
  t.deepEqual(fx.dials().map((d) => d.endpoint), ['PJSIP/212520000099@carrier-demo']);
  t.is(fx.live(), 1);
});
