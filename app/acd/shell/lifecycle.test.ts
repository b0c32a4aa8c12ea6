// The rest of a call's life in the ACD shell, against the fake media core: the agent's opt-out
// key, a consultation cancelled or cut short by the caller, a caller hanging up while talking, a
// call put back after a restart, and the roster's look-ups.
import test, { type ExecutionContext } from 'ava';
import { CallSession } from '../../call-contract/session.js';
import { ADMIN, AGENT, flush, shellFixture } from './test-fixture.js';

/** An agent talking with a caller who consults an outside number: its leg is being dialled. */
async function consulting(t: ExecutionContext) {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  t.is(fx.acd.consult(callId, { kind: 'number', number: '0611223344' }, ADMIN), 'ok');
  await flush();
  const target = fx.dials().find((d) => d.channelId.startsWith('cs-'))?.channelId ?? '';
  return { fx, callId, agentLeg, target };
}

test('given an agent talking under the opt-out policy, when they press another key then the opt-out key twice, then the recording is given up once', async (t) => {
  const fx = await shellFixture(t);
  const { channel, agentLeg } = await fx.talking();
  await fx.keys(agentLeg, '5');
  t.is((await fx.events('recording.opted_out')).length, 0, 'another key does nothing');
  await fx.keys(agentLeg, '**');
  t.deepEqual((await fx.events('recording.opted_out')).map((e) => e.data), [{ agent: AGENT.id, discarded: null }]);
  t.is(fx.media.variables.get(`${channel}/CCAPP_RECORDING_AT`), '', 'a restarted app will not look for it');
});

test('given a consultation, when the agent cancels it, then the target is hung up and the agent goes back to the caller', async (t) => {
  const { fx, callId, agentLeg, target } = await consulting(t);
  fx.state(target, 'Up');
  await flush();
  t.is(fx.acd.endConsult(callId, 'cancel'), 'ok');
  await flush();
  t.true(fx.media.ops.includes(`hangup ${target} normal`));
  t.deepEqual(fx.media.ops.slice(-2), [`stopMusicOnHold call-${callId}`, `addToBridge call-${callId} ${agentLeg}`]);
  t.deepEqual((await fx.events('consult.ended')).map((e) => e.data), [{ reason: 'cancelled' }]);
  t.is(fx.acd.endConsult(callId, 'cancel'), 'no consultation');
});

test('given a consultation, when the caller hangs up, then the consultation\'s bridge goes with the call and its legs are hung up', async (t) => {
  const { fx, callId, agentLeg, target } = await consulting(t);
  fx.acd.callerGone(callId);
  await flush();
  t.true(fx.media.ops.includes(`destroyBridge consult-${callId}`));
  t.true(fx.media.ops.includes(`hangup ${agentLeg} normal`));
  t.true(fx.media.ops.includes(`hangup ${target} normal`));
  fx.gone(target);
  await flush();
  t.false(fx.acd.followsLeg(target));
});

test('given a caller talking with an agent, when the caller hangs up, then the agent\'s leg is hung up and the agent wraps up', async (t) => {
  const fx = await shellFixture(t);
  const { callId, agentLeg } = await fx.talking();
  t.true(fx.acd.followsLeg(agentLeg));
  fx.acd.callerGone(callId);
  await flush();
  t.true(fx.media.ops.includes(`hangup ${agentLeg} normal`));
  fx.gone(agentLeg);
  await flush();
  t.false(fx.acd.followsLeg(agentLeg));
  t.is(fx.acd.agentView(AGENT.id)?.state, 'wrap_up');
  t.is(fx.acd.agentOnCall(callId), undefined);
});

test('given a call talking when the app stopped, when adopted, then the agent is on it again and nothing is written again', async (t) => {
  const fx = await shellFixture(t);
  const callId = '0b7e7d4e-2222-4333-8444-000000000001';
  const leg = `ag-${callId}-1`;
  const session = new CallSession({ callId, tenant: 'energie', line: 'technique', did: '212520000001', channelId: 'caller-x', startedAt: new Date() }, fx.journal);
  fx.acd.adopt([{ session, tenant: fx.tenant, language: 'fr', choices: [], queue: 'energie/technique', enteredAt: Date.parse('2026-12-07T09:59:00Z'), connected: { agentId: AGENT.id, legChannelId: leg, answeredAt: Date.parse('2026-12-07T09:59:30Z') } }]);
  await fx.acd.reconciled();
  await flush();
  t.is(fx.acd.agentView(AGENT.id)?.state, 'on_call');
  t.true(fx.acd.followsLeg(leg));
  t.is(fx.acd.legs.size, 1);
  t.is(fx.acd.agentOnCall(callId)?.channelId, leg);
  t.is((await fx.events('queue.entered')).length, 0);
});

test('given the roster, when looked up, then agents come by id, SIP user and login, and queues by tenant', async (t) => {
  const fx = await shellFixture(t);
  await fx.acd.loadAgents();
  t.deepEqual([...fx.acd.agentList()].map((a) => a.id), [AGENT.id]);
  t.is(fx.acd.agentBySip(AGENT.sipUsername)?.id, AGENT.id);
  t.is(fx.acd.agentBySip('nobody'), undefined);
  t.is(fx.acd.agentByLogin('energie', '101')?.id, AGENT.id);
  t.is(fx.acd.agentByLogin('habitat', '101'), undefined);
  t.true(fx.acd.hasQueue('energie', 'technique'));
  t.false(fx.acd.hasQueue('habitat', 'technique'));
  t.is(fx.acd.agentView('nobody'), undefined);
});

test('given a callback requested, when an agent answers, the caller is reached and the agent hangs up, then the conversation has its own bridge and its end is written', async (t) => {
  const fx = await shellFixture(t);
  const { callId, channel } = fx.enqueue('technique', '0655000003');
  await fx.keys(channel, '1');
  await fx.keys(channel, '1');
  t.is((await fx.events('callback.requested')).length, 1);
  fx.acd.callerGone(callId); // the caller is told and hung up; the call keeps its place
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  const agentLeg = fx.dials().find((d) => d.channelId.startsWith(`ag-${callId}`))?.channelId ?? '';
  fx.state(agentLeg, 'Up');
  await flush();
  const callbackLeg = fx.dials().find((d) => d.channelId.startsWith(`cb-${callId}`));
  t.regex(callbackLeg?.endpoint ?? '', /0655000003@carrier-demo$/, 'the caller\'s number through the trunk');
  t.true(fx.media.ops.includes(`createBridge call-${callId} mixing`));
  fx.state(callbackLeg?.channelId ?? '', 'Up');
  await flush();
  t.true(fx.media.ops.includes(`addToBridge call-${callId} ${callbackLeg?.channelId ?? ''}`));
  fx.gone(agentLeg);
  await flush();
  t.true(fx.media.ops.includes(`hangup ${callbackLeg?.channelId ?? ''} normal`), 'the caller\'s leg goes with the agent\'s');
  t.like((await fx.events('callback.ended'))[0]?.data, { by: 'agent', attempt: 1 });
  t.true(fx.media.ops.includes(`destroyBridge call-${callId}`));
  t.false(fx.acd.calls.get(callId)?.bridged);
});
