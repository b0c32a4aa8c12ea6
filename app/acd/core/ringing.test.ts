import test from 'ava';
import { Harness, agent, queue, rings, types, warnings } from './test-support.js';

function twoAgents(): Harness {
  const h = new Harness([queue('tech')], [agent('a1'), agent('a2')]);
  h.online('a1', 0);
  h.online('a2', 1_000);
  return h;
}

test('given a ringing agent, when 15 s pass without answer, then the ring stops, the agent is paused no_answer and the next agent rings', (t) => {
  const h = twoAgents();
  const offered = h.enqueue('c1', 'tech', 5_000);
  t.deepEqual(offered.actions, [{ type: 'ring', callId: 'c1', agentId: 'a1', timeoutAt: 20_000 }]);
  t.is(offered.nextWakeAt, 20_000);
  t.deepEqual(h.until(19_999).actions, []);
  const out = h.until(20_000);
  t.deepEqual(out.actions, [
    { type: 'stop_ring', callId: 'c1', agentId: 'a1' },
    { type: 'pause_agent', agentId: 'a1', reason: 'no_answer' },
    { type: 'ring', callId: 'c1', agentId: 'a2', timeoutAt: 35_000 },
  ]);
  t.like(out.events.find((e) => e.type === 'agent.no_answer'), { callId: 'c1', at: 20_000, data: { agent: 'a1', reason: 'timeout' } });
  t.like(out.events.find((e) => e.type === 'agent.state' && e.data.agent === 'a1'), { data: { from: 'ringing', to: 'paused', reason: 'no_answer' } });
  t.like(h.core.agent('a1'), { state: 'paused', reason: 'no_answer' });
});

test('given every agent timed out, when one unpauses, then a new round rings them again', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  h.until(35_000);
  t.like(h.core.call('c1'), { status: 'waiting', triedAgents: ['a1', 'a2'] });
  t.deepEqual(rings(h.send({ type: 'agent.unpause', agentId: 'a1' }, 40_000).actions), ['c1->a1']);
  t.deepEqual(h.core.call('c1')?.triedAgents, ['a1'], 'a new round');
});

test('given a ringing agent, when they reject the call, then they are paused rejected and the next agent rings at once', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  const out = h.send({ type: 'agent.rejected', callId: 'c1', agentId: 'a1' }, 6_000);
  t.deepEqual(types(out.actions), ['stop_ring', 'pause_agent', 'ring']);
  t.deepEqual(rings(out.actions), ['c1->a2']);
  t.like(h.core.agent('a1'), { state: 'paused', reason: 'rejected' });
  t.like(out.events.find((e) => e.type === 'agent.no_answer'), { data: { reason: 'rejected' } });
});

test('given a ringing agent, when they answer within the ring, then connect, on_call, and agent.answered with the wait', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  const out = h.answer('c1', 'a1', 12_000);
  t.deepEqual(out.actions, [{ type: 'connect', callId: 'c1', agentId: 'a1' }]);
  t.like(out.events.find((e) => e.type === 'agent.answered'), { data: { agent: 'a1', queue: 'tech', waitMs: 7_000, withinServiceLevel: true } });
  t.like(h.core.agent('a1'), { state: 'on_call', call: 'c1' });
  t.is(out.nextWakeAt, null, 'no ring time-out, no overflow left');
  t.deepEqual(h.core.queueCalls('tech'), []);
});

test('given a call answered at exactly the service level, when journalled, then it is within it; 1 ms later it is not', (t) => {
  const h = new Harness([queue('tech', { ringTimeoutMs: 60_000 })], [agent('a1'), agent('a2')]);
  h.online('a1', 0);
  h.online('a2', 0);
  h.enqueue('c1', 'tech', 0);
  h.enqueue('c2', 'tech', 0);
  t.like(h.answer('c1', 'a1', 20_000).events.find((e) => e.type === 'agent.answered'), { data: { withinServiceLevel: true } });
  t.like(h.answer('c2', 'a2', 20_001).events.find((e) => e.type === 'agent.answered'), { data: { withinServiceLevel: false } });
});

test('given the ring timed out, when the late answer arrives, then it is refused and the shell told to hang that leg up', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  const out = h.answer('c1', 'a1', 20_000); // the time-out falls due first
  t.deepEqual(types(out.actions), ['stop_ring', 'pause_agent', 'ring', 'stop_ring']);
  t.deepEqual(warnings(out.events), ['call not offered to this agent']);
  t.like(h.core.call('c1'), { status: 'ringing', ringing: { agent: 'a2' } });
});

for (const [name, input, agentState, reason] of [
  ['pauses', { type: 'agent.pause', agentId: 'a1', reason: 'break' }, 'paused', 'paused'],
  ['logs out', { type: 'agent.logout', agentId: 'a1' }, 'logged_out', 'logged_out'],
  ['loses its phone registration', { type: 'agent.registered', agentId: 'a1', registered: false }, 'available', 'unregistered'],
] as const) {
  test(`given a ringing agent, when the agent ${name}, then the ring stops and the next agent rings`, (t) => {
    const h = twoAgents();
    h.enqueue('c1', 'tech', 5_000);
    const out = h.send(input, 6_000);
    t.deepEqual(types(out.actions), ['stop_ring', 'ring']);
    t.deepEqual(rings(out.actions), ['c1->a2']);
    t.like(out.events.find((e) => e.type === 'agent.no_answer'), { data: { agent: 'a1', reason } });
    t.like(h.core.agent('a1'), { state: agentState, call: null });
  });
}

test('given an agent on a call, when they pause or log out, then it applies once the wrap-up ends', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  h.answer('c1', 'a1', 6_000);
  const asked = h.send({ type: 'agent.pause', agentId: 'a1', reason: 'lunch' }, 7_000);
  t.like(asked.events[0], { type: 'agent.state_pending', data: { agent: 'a1', to: 'paused', reason: 'lunch' } });
  t.like(h.core.agent('a1'), { state: 'on_call' });
  h.send({ type: 'call.ended', callId: 'c1' }, 60_000);
  t.like(h.core.agent('a1'), { state: 'wrap_up', wrapUpUntil: 70_000 });
  h.until(70_000);
  t.like(h.core.agent('a1'), { state: 'paused', reason: 'lunch', pending: null });
});

test('given an agent on a call who asked to log out, when they log in again before it ends, then the logout is cancelled', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  h.answer('c1', 'a1', 6_000);
  h.send({ type: 'agent.logout', agentId: 'a1' }, 7_000);
  h.send({ type: 'agent.login', agentId: 'a1' }, 8_000);
  h.send({ type: 'call.ended', callId: 'c1' }, 9_000);
  h.until(19_000);
  t.like(h.core.agent('a1'), { state: 'available', idleSince: 19_000 });
});

test('given a waiting call, when the caller hangs up, then it leaves the queue with no action', (t) => {
  const h = new Harness([queue('tech')], [agent('a1')]);
  h.enqueue('c1', 'tech', 0);
  const out = h.send({ type: 'call.abandoned', callId: 'c1' }, 3_000);
  t.deepEqual(out.actions, []);
  t.like(out.events[0], { type: 'queue.abandoned', callId: 'c1', data: { queue: 'tech', waitMs: 3_000 } });
  t.is(h.core.call('c1'), undefined);
  t.is(out.nextWakeAt, null);
});

test('given a ringing call, when the caller hangs up, then the ring stops and the agent, still first in line, takes the next call', (t) => {
  const h = twoAgents();
  h.enqueue('c1', 'tech', 5_000);
  h.enqueue('c2', 'tech', 5_001);
  h.enqueue('c3', 'tech', 5_002);
  const out = h.send({ type: 'call.abandoned', callId: 'c1' }, 6_000);
  t.deepEqual(types(out.actions), ['stop_ring', 'ring']);
  t.deepEqual(rings(out.actions), ['c3->a1']);
  t.false(out.events.some((e) => e.type === 'agent.no_answer'), 'not the agent\'s doing');
  t.is(h.core.agent('a1')?.idleSince, 0);
});

test('given a call ended, when the wrap-up runs, then the agent is available exactly at its end, idle from then', (t) => {
  const h = new Harness([queue('tech', { wrapUpMs: 30_000 })], [agent('a1')]);
  h.online('a1', 0);
  h.enqueue('c1', 'tech', 1_000);
  h.answer('c1', 'a1', 2_000);
  const ended = h.send({ type: 'call.ended', callId: 'c1' }, 62_000);
  t.is(ended.nextWakeAt, 92_000);
  h.enqueue('c2', 'tech', 70_000);
  t.deepEqual(h.until(91_999).actions, []);
  const out = h.until(92_000);
  t.deepEqual(rings(out.actions), ['c2->a1']);
  t.like(out.events.find((e) => e.type === 'agent.wrapup_ended'), { callId: 'c1', data: { agent: 'a1' } });
  t.is(h.core.agent('a1')?.idleSince, 92_000);
});

test('given an agent in wrap-up, when they unpause (ready), then the wrap-up ends early', (t) => {
  const h = new Harness([queue('tech')], [agent('a1')]);
  h.online('a1', 0);
  h.enqueue('c1', 'tech', 1_000);
  h.answer('c1', 'a1', 2_000);
  h.send({ type: 'call.ended', callId: 'c1' }, 10_000);
  const out = h.send({ type: 'agent.unpause', agentId: 'a1' }, 13_000);
  t.deepEqual(types(out.events), ['agent.wrapup_ended', 'agent.state']);
  t.like(h.core.agent('a1'), { state: 'available', idleSince: 13_000 });
  t.is(out.nextWakeAt, null);
});

test('given a zero wrap-up, when the call ends, then the agent is available in the same decision', (t) => {
  const h = new Harness([queue('tech', { wrapUpMs: 0 })], [agent('a1')]);
  h.online('a1', 0);
  h.enqueue('c1', 'tech', 1_000);
  h.enqueue('c2', 'tech', 1_001);
  h.answer('c1', 'a1', 2_000);
  t.deepEqual(rings(h.send({ type: 'call.ended', callId: 'c1' }, 5_000).actions), ['c2->a1']);
});
