import test from 'ava';
import { AcdCore } from './acd.js';
import { Harness, agent, queue, rings, types } from './test-support.js';

const debord = queue('debord', { skills: [{ name: 'line', value: 'debordement' }] });
const tech = queue('tech', { overflowTarget: { kind: 'queue', id: 'debord' } });

test('given a call waiting in a queue with an overflow queue, when 90 000 ms pass, then it moves there exactly then, with its context and a priority boost', (t) => {
  const h = new Harness([tech, debord], [agent('a1'), agent('d1', 5, 'line=debordement:5')]);
  h.enqueue('early', 'debord', 0);
  const entered = h.enqueue('c1', 'tech', 1_000, { priority: 1, context: { caseId: 'K-42', did: '33384000001' } });
  t.is(entered.nextWakeAt, 91_000);
  t.deepEqual(h.until(90_999).actions, []);
  const out = h.until(91_000);
  t.deepEqual(h.wakes, [91_000], 'one wake, on the instant');
  t.deepEqual(out.actions, [{ type: 'overflow', callId: 'c1', target: { kind: 'queue', id: 'debord' }, context: { caseId: 'K-42', did: '33384000001' } }]);
  t.deepEqual(out.events.map((e) => [e.type, e.at]), [['queue.overflowed', 91_000], ['queue.entered', 91_000]]);
  t.like(out.events[0], { data: { queue: 'tech', waitMs: 90_000, target: { kind: 'queue', id: 'debord' } } });
  t.like(out.events[1], { data: { queue: 'debord', priority: 11, overflowFrom: 'tech' } });
  t.like(h.core.call('c1'), { queue: 'debord', enteredAt: 91_000, priority: 11, context: { caseId: 'K-42' } });
  t.deepEqual(h.core.queueCalls('debord'), ['c1', 'early'], 'the boost puts it ahead of calls already there');
  t.deepEqual(rings(h.online('d1', 95_000).actions), ['c1->d1']);
});

test('given an overflow to a number, when it fires, then the shell gets the number and the context and the call leaves the core', (t) => {
  const h = new Harness([queue('tech', { overflowTarget: { kind: 'number', number: '+33384961370' }, overflowAfterMs: 90_000 })], []);
  h.enqueue('c1', 'tech', 500, { context: { reason: 'fuite' } });
  const out = h.until(90_500);
  t.deepEqual(out.actions, [{ type: 'overflow', callId: 'c1', target: { kind: 'number', number: '+33384961370' }, context: { reason: 'fuite' } }]);
  t.like(out.events[0], { type: 'queue.overflowed', at: 90_500, data: { target: { kind: 'number', id: '+33384961370' } } });
  t.is(h.core.call('c1'), undefined);
  t.is(out.nextWakeAt, null);
});

test('given an agent ringing for the call at the overflow instant, when it fires, then the ring stops and the call overflows on time', (t) => {
  const h = new Harness([tech, debord], [agent('a1')]);
  h.enqueue('c1', 'tech', 0);
  h.online('a1', 80_000);
  const out = h.until(90_000);
  t.deepEqual(types(out.actions), ['stop_ring', 'overflow']);
  t.false(out.events.some((e) => e.type === 'agent.no_answer'), 'the agent is not to blame');
  t.like(h.core.agent('a1'), { state: 'available', idleSince: 80_000 });
  t.is(h.core.call('c1')?.queue, 'debord');
});

test('given a call answered or turned into a callback before 90 s, when 90 s pass, then it does not overflow', (t) => {
  const h = new Harness([queue('tech', { overflowTarget: { kind: 'number', number: '+33384961370' }, callbackKey: '1' })], [agent('a1')]);
  h.online('a1', 0);
  h.enqueue('answered', 'tech', 0);
  h.answer('answered', 'a1', 5_000);
  h.enqueue('cb', 'tech', 0);
  h.send({ type: 'callback.requested', callId: 'cb', number: '+33600000000' }, 10_000);
  t.deepEqual(types(h.until(200_000).actions), []);
  t.is(h.core.call('cb')?.status, 'waiting');
});

test('given queues whose overflow chains, when a call stays unanswered, then it overflows at each queue\'s own deadline', (t) => {
  const h = new Harness([
    queue('a', { overflowTarget: { kind: 'queue', id: 'b' }, overflowAfterMs: 90_000 }),
    queue('b', { overflowTarget: { kind: 'number', number: '0600000000' }, overflowAfterMs: 30_000, overflowBoost: 3 }),
  ], []);
  h.enqueue('c1', 'a', 1_234);
  h.until(1_000_000);
  t.deepEqual(h.events.filter((e) => e.type === 'queue.overflowed').map((e) => e.at), [91_234, 121_234]);
  t.deepEqual(h.wakes, [91_234, 121_234]);
});

test('given a configuration overflowing to an unknown queue, itself or another tenant\'s queue, when the core is built, then it throws', (t) => {
  t.throws(() => new AcdCore([queue('a', { overflowTarget: { kind: 'queue', id: 'nope' } })], []), { message: /unknown queue "nope"/ });
  t.throws(() => new AcdCore([queue('a', { overflowTarget: { kind: 'queue', id: 'a' } })], []), { message: /itself/ });
  t.throws(() => new AcdCore([queue('a', { overflowTarget: { kind: 'queue', id: 'b' } }), { ...queue('b'), tenant: 'energie' }], []), { message: /another tenant/ });
  t.throws(() => new AcdCore([queue('a'), queue('a')], []), { message: /duplicate queue/ });
});
