import test from 'ava';
import { Harness, agent, queue, rings, types, warnings } from './test-support.js';

const NUMBER = '+212600000001';

function waitingThree(over = {}): Harness {
  const h = new Harness([queue('tech', { callbackKey: '1', announceEveryMs: 30_000, ...over })], [agent('a1'), agent('a2')]);
  h.enqueue('c1', 'tech', 0);
  h.enqueue('c2', 'tech', 1_000);
  h.send({ type: 'callback.requested', callId: 'c1', number: NUMBER }, 5_000);
  h.enqueue('c3', 'tech', 6_000);
  return h;
}

test('given a caller who asked for a callback, when an agent frees up, then the callback keeps its place: the agent is rung for it first', (t) => {
  const h = waitingThree();
  t.like(h.events.find((e) => e.type === 'callback.requested'), { callId: 'c1', data: { queue: 'tech', number: NUMBER, waitMs: 5_000 } });
  t.deepEqual(h.core.queueCalls('tech'), ['c1', 'c2', 'c3']);
  const out = h.online('a1', 10_000);
  t.deepEqual(out.actions, [{ type: 'place_callback', callId: 'c1', agentId: 'a1', number: NUMBER, timeoutAt: 25_000 }]);
  t.like(out.events.find((e) => e.type === 'agent.offered'), { data: { agent: 'a1', callback: true } });
  t.deepEqual(rings(h.online('a2', 10_001).actions), ['c2->a2'], 'the next agent takes the next caller');
});

test('given a callback offered, when the agent answers, then connect dials the caller; reached, the call ends like any other', (t) => {
  const h = waitingThree();
  h.online('a1', 10_000);
  const answered = h.answer('c1', 'a1', 12_000);
  t.deepEqual(answered.actions, [{ type: 'connect', callId: 'c1', agentId: 'a1', dial: NUMBER }]);
  t.like(answered.events.find((e) => e.type === 'agent.answered'), { data: { callback: true } });
  const reached = h.send({ type: 'callback.result', callId: 'c1', answered: true }, 20_000);
  t.like(reached.events[0], { type: 'callback.result', data: { answered: true, attempt: 1, agent: 'a1' } });
  t.deepEqual(warnings(h.send({ type: 'callback.result', callId: 'c1', answered: true }, 20_001).events), ['duplicate']);
  h.send({ type: 'call.ended', callId: 'c1' }, 80_000);
  t.like(h.core.agent('a1'), { state: 'wrap_up', wrapUpUntil: 90_000 });
  t.is(h.core.call('c1'), undefined);
});

test('given a callback, when it waits, then it neither hears announcements nor overflows, and its line hanging up is ignored', (t) => {
  const h = waitingThree({ overflowTarget: { kind: 'number', number: '0600000000' } });
  const out = h.until(200_000);
  t.false(out.actions.some((a) => 'callId' in a && a.callId === 'c1'));
  t.deepEqual(warnings(h.send({ type: 'call.abandoned', callId: 'c1' }, 200_001).events), ['callback pending: the caller has already left the line']);
  t.is(h.core.call('c1')?.status, 'waiting');
});

test('given a caller who does not answer the callback, when retried, then after 120 s it waits again with a boost, and after 3 attempts it is given up', (t) => {
  const h = new Harness([queue('tech', { callbackKey: '1', callbackBoost: 10 })], [agent('a1')]);
  h.enqueue('c1', 'tech', 0);
  h.send({ type: 'callback.requested', callId: 'c1', number: NUMBER }, 1_000);
  h.enqueue('c2', 'tech', 2_000);
  h.online('a1', 3_000);
  h.answer('c1', 'a1', 4_000);
  const missed = h.send({ type: 'callback.result', callId: 'c1', answered: false }, 30_000);
  t.deepEqual(rings(missed.actions), ['c2->a1'], 'the agent is free at once, for the next caller');
  t.like(h.core.call('c1'), { status: 'retry_wait', priority: 10, callback: { attempts: 1, retryAt: 150_000 } });
  t.is(h.core.agent('a1')?.idleSince, 30_000);
  h.answer('c2', 'a1', 31_000);
  h.send({ type: 'call.ended', callId: 'c2' }, 100_000);
  h.until(150_000); // wrap-up ends at 110 s; nothing to take until the retry is due
  t.like(h.core.call('c1'), { status: 'ringing', ringing: { agent: 'a1', since: 150_000 } });
  for (const at of [151_000, 302_000]) { // retries at 181 s + 120 s = 301 s, then given up
    h.answer('c1', 'a1', at);
    h.send({ type: 'callback.result', callId: 'c1', answered: false }, at + 30_000);
    h.until(at + 150_000);
    t.is(h.core.call('c1')?.status, at === 151_000 ? 'ringing' : undefined);
  }
  t.is(h.core.call('c1'), undefined);
  t.like(h.events.find((e) => e.type === 'callback.failed'), { callId: 'c1', data: { attempts: 3, number: NUMBER } });
});

test('given a queue without a callback key, a call ringing an agent, or a bad number, when a callback is asked, then it is refused', (t) => {
  const plain = new Harness([queue('tech')], []);
  plain.enqueue('c1', 'tech', 0);
  t.deepEqual(warnings(plain.send({ type: 'callback.requested', callId: 'c1', number: NUMBER }, 1).events), ['queue "tech" offers no callback']);
  const h = new Harness([queue('tech', { callbackKey: '*' })], [agent('a1')]);
  h.online('a1', 0);
  h.enqueue('c1', 'tech', 0);
  h.enqueue('c2', 'tech', 0);
  t.deepEqual(warnings(h.send({ type: 'callback.requested', callId: 'c1', number: NUMBER }, 1).events), ['call is ringing: an agent is about to take it']);
  t.deepEqual(warnings(h.send({ type: 'callback.requested', callId: 'c2', number: 'call me' }, 2).events), ['invalid number']);
  t.deepEqual(types(h.send({ type: 'callback.requested', callId: 'c2', number: NUMBER }, 3).events), ['callback.requested']);
  t.deepEqual(warnings(h.send({ type: 'callback.requested', callId: 'c2', number: NUMBER }, 4).events), ['duplicate']);
});
