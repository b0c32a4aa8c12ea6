// A click-to-call goes through the tenant's dialling guard before anything rings: a refused number
// is a 422 (429 past the caps) with the refusal among the agent's events, the agent left as they
// were; an allowed one holds a lease on the tenant's outbound capacity until the call is closed,
// whichever way it ends (no answer, busy, hang-up after the answer, after a restart).
import test from 'ava';
import { written } from '../dialling/test-support.js';
import { legIdFor } from './legs.js';
import { reconcileOutbound } from './reconcile.js';
import { AGENT, type OutboundFixture, outboundFixture, REQUESTER } from './test-fixture.js';
import { channelInfo } from '../media/test-support.js';
import { encodePlace, OUTBOUND_VARIABLE } from './variables.js';

const live = (s: OutboundFixture) => s.acd.dialling.limiter.liveFor('energie');

test('given a number the policy refuses, when an agent places a call to it, then 422 dialling.refused with the rule, an agent event, and nothing rings', async (t) => {
  const s = outboundFixture(t);
  for (const [number, rule] of [['0891234567', 'premium'], ['15', 'emergency'], ['+447911123456', 'not_allowed_country'], ['3919', 'short_number']] as const) {
    const err = t.throws(() => s.place(number));
    t.like(err, { status: 422, id: 'dialling.refused', details: { rule, number, purpose: 'click_to_call' } }, number);
  }
  t.deepEqual(s.media.dials, []);
  t.like(s.acd.agentView(AGENT.id), { state: 'available' }, 'the agent was not set aside');
  await s.journal.idle();
  const events = written(s.written, 'dialling.refused');
  t.is(events.length, 4);
  t.deepEqual(events[0], { kind: 'agent', agentId: AGENT.id, data: { number: '0891234567', rule: 'premium', purpose: 'click_to_call', requestedBy: REQUESTER } });
});

test('given the agent\'s or the tenant\'s cap reached, when an agent places a call, then 429 dialling.refused with agent_limit or tenant_limit', (t) => {
  const s = outboundFixture(t);
  const limiter = s.acd.dialling.limiter;
  const mine = limiter.adopt('energie', AGENT.id);
  t.like(t.throws(() => s.place()), { status: 429, id: 'dialling.refused', details: { rule: 'agent_limit' } });
  mine.release();
  const others = [limiter.adopt('energie', null), limiter.adopt('energie', null)];
  t.like(t.throws(() => s.place()), { status: 429, details: { rule: 'tenant_limit' } });
  others.forEach((l) => l.release());
  t.like(s.acd.agentView(AGENT.id), { state: 'available' });
  t.regex(s.place(), /^[0-9a-f-]{36}$/, 'allowed again once legs ended');
});

test('given an allowed number in the 00 form, when placed, then the trunk gets its E.164 digits and the call holds a lease until its end after the answer', async (t) => {
  const s = outboundFixture(t);
  const callId = s.place('0033612345678');
  t.is(live(s), 1);
  s.state('agent', callId, 'Up');
  await s.settled(callId);
  t.is(s.media.dials[1]?.endpoint, 'PJSIP/33612345678@carrier-demo');
  s.state('customer', callId, 'Up');
  await s.settled(callId);
  t.is(live(s), 1, 'talking');
  await s.closeWith(callId, ['customer', 'agent']);
  t.is(live(s), 0);
});

test('given calls that fail, when they close, then their leases are released: agent not answering, customer busy, Asterisk refusing the agent\'s channel', async (t) => {
  const s = outboundFixture(t);
  const first = s.place();
  s.timers.fire();
  await s.closeWith(first, ['agent']);
  t.is(live(s), 0, 'the agent did not answer');

  const second = s.place();
  s.state('agent', second, 'Up');
  await s.settled(second);
  await s.closeWith(second, ['customer', 'agent'], 17, 'User busy');
  t.is(live(s), 0, 'the customer was busy');

  s.media.failing.add('dial');
  const third = s.place();
  await s.closeWith(third, []);
  t.is(live(s), 0, 'the agent\'s channel could not be made');
});

test('given a conversation taken back after a restart, when reconciled, then it counts again, and is released when it ends', async (t) => {
  const s = outboundFixture(t);
  const callId = '7f3c0a52-2b1e-4c8e-9a51-0d6f1e2a3b4c';
  const [agentLeg, customerLeg] = [legIdFor('agent', callId), legIdFor('customer', callId)];
  s.media.channels = [channelInfo(agentLeg, 'Up'), channelInfo(customerLeg, 'Up')];
  s.media.bridges = [{ id: `call-${callId}`, kind: 'mixing', channelIds: [agentLeg, customerLeg] }];
  s.media.variables.set(`${agentLeg}/${OUTBOUND_VARIABLE}`, encodePlace({ callId, tenant: 'energie', line: 'technique', did: '212520000001', agentId: AGENT.id, number: '0612345678', prior: { state: 'available' }, startedAt: Date.parse('2026-11-22T09:00:00Z') }));
  s.acd.command(AGENT.id, { type: 'pause', reason: 'outbound' });
  t.like(await reconcileOutbound(s.media, s.service, s.log), { adopted: 1 });
  t.is(live(s), 1);
  s.media.channels = [];
  t.like(await reconcileOutbound(s.media, s.service, s.log), { ended: 2 });
  await s.call(callId)?.done;
  t.is(live(s), 0, 'its legs vanished while the app was away');
});
