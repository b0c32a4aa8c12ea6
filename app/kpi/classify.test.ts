import test from 'ava';
import { classifyCall, handleMs, talkMs } from './classify.js';
import { call } from './test-support.js';

const T0 = '2026-03-02T09:00:00.000Z';

test('given a caller who hangs up during the welcome message, when classified, then it is an IVR abandon with no queue visit', (t) => {
  const c = classifyCall(call().arrive(T0).ivr(8_000).hangup(1_000).build());
  t.true(c.ivrAbandon);
  t.deepEqual(c.visits, []);
  t.is(c.journey, null);
  t.is(c.hungUpBy, 'caller');
  t.deepEqual(c.arrivedAt, new Date(T0));
});

test('given the app ending the call in the IVR (closed message), when classified, then it is not an abandon', (t) => {
  const c = classifyCall(call().arrive(T0).ivr(8_000).hangup(5_000, 'app').build());
  t.false(c.ivrAbandon);
  t.is(c.journey, null);
});

test('given hang-ups 4.999 s and 5.000 s after entering the queue, when classified, then only the first is immediate', (t) => {
  const quick = classifyCall(call().arrive(T0).ivr(3_000).enqueue('technique').hangup(4_999).build());
  const five = classifyCall(call().arrive(T0).ivr(3_000).enqueue('technique').hangup(5_000).build());
  t.like(quick.visits[0], { queue: 'technique', waitMs: 4_999, outcome: { kind: 'abandoned', immediate: true } });
  t.like(five.visits[0], { waitMs: 5_000, outcome: { kind: 'abandoned', immediate: false } });
  t.false(quick.ivrAbandon);
});

test('given a call answered after 12 s, talked 90 s and wrapped up 30 s, when classified, then wait, talk and handle times follow', (t) => {
  const c = classifyCall(call().arrive(T0).ivr(3_000).enqueue('technique').offer('a1', 10_000).ring().answer('a1', 2_000)
    .agentHangup(90_000).wrapUp(30_000).hangup(0).build());
  const v = c.visits[0];
  t.like(v, { waitMs: 12_000, outcome: { kind: 'answered', agent: 'a1' }, withoutWait: false });
  t.deepEqual(v?.attempts.map((a) => a.result), ['answered']);
  t.is(v?.talk && talkMs(v.talk), 90_000);
  t.is(v?.talk && handleMs(v.talk), 120_000);
  t.like(c.journey, { queue: 'technique', waitMs: 12_000, outcome: { kind: 'answered' } });
});

test('given no wrap-up event, when classified, then the handle time is the talk time, ended by the call hang-up', (t) => {
  const v = classifyCall(call().arrive(T0).enqueue('technique').answer('a1', 5_000).hangup(60_000).build()).visits[0];
  t.is(v?.talk && talkMs(v.talk), 60_000);
  t.is(v?.talk && handleMs(v.talk), 60_000);
  t.deepEqual(v?.attempts.map((a) => [a.agent, a.result]), [['a1', 'answered']], 'an answer without an offer event is an offer');
});

test('given an agent offered at once, when answered on that offer, then it is answered without wait; otherwise with wait', (t) => {
  const at = (b: ReturnType<typeof call>) => classifyCall(b.build()).visits[0]?.withoutWait;
  t.true(at(call().arrive(T0).enqueue('technique').offer('a1', 200).ring(100).answer('a1', 6_000)));
  t.false(at(call().arrive(T0).enqueue('technique').offer('a1', 1_000).answer('a1', 3_000)), 'offered 1 s after entry: waited for an agent');
  t.false(at(call().arrive(T0).enqueue('technique').offer('a1', 0).noAnswer(15_000).offer('a2', 0).answer('a2', 4_000)), 'the first agent did not answer');
});

test('given an agent who does not answer, when another one does, then each attempt keeps its result', (t) => {
  const v = classifyCall(call().arrive(T0).enqueue('technique').offer('a1').ring().noAnswer(15_000).offer('a2', 1_000).answer('a2', 3_000).hangup(30_000).build()).visits[0];
  t.deepEqual(v?.attempts.map((a) => [a.agent, a.result]), [['a1', 'no-answer'], ['a2', 'answered']]);
  t.is(v?.waitMs, 19_000);
});

test('given an overflow at 90 s to another queue, when answered there 10 s later, then two visits and one journey of 100 s', (t) => {
  const c = classifyCall(call().arrive(T0).enqueue('technique').overflow(90_000, { kind: 'queue', id: 'debordement' })
    .enqueue('debordement').answer('a2', 10_000).hangup(60_000).build());
  t.like(c.visits[0], { queue: 'technique', waitMs: 90_000, outcome: { kind: 'overflowed', target: { kind: 'queue', id: 'debordement' } } });
  t.like(c.visits[1], { queue: 'debordement', waitMs: 10_000, outcome: { kind: 'answered', agent: 'a2' } });
  t.like(c.journey, { queue: 'technique', waitMs: 100_000, outcome: { kind: 'answered' }, withoutWait: false });
});

test('given a callback request, when the caller hangs up after it, then the visit is a callback, not an abandon', (t) => {
  const c = classifyCall(call().arrive(T0).enqueue('technique').callback(40_000, '+212600000000').hangup(2_000).build());
  t.like(c.visits[0], { waitMs: 40_000, outcome: { kind: 'callback', number: '+212600000000' } });
  t.like(c.journey, { outcome: { kind: 'callback' } });
});

test('given a live call still waiting, when classified, then its visit is in progress without a wait', (t) => {
  const c = classifyCall(call().arrive(T0).enqueue('technique').offer('a1', 3_000).build());
  t.is(c.endedAt, null);
  t.like(c.visits[0], { outcome: { kind: 'waiting' }, waitMs: null });
  t.is(c.visits[0]?.attempts[0]?.result, 'pending');
  t.like(c.journey, { waitMs: null });
});

test('given the app hanging up a waiting call, when classified, then the visit is dropped, not abandoned', (t) => {
  const c = classifyCall(call().arrive(T0).enqueue('technique').hangup(30_000, 'app').build());
  t.like(c.visits[0], { outcome: { kind: 'dropped' }, waitMs: 30_000 });
});

test('given a transfer by the agent, when classified, then the talk ends at the transfer', (t) => {
  const v = classifyCall(call().arrive(T0).enqueue('technique').answer('a1', 5_000).transfer(45_000, '+33384000099').hangup(120_000).build()).visits[0];
  t.is(v?.talk && talkMs(v.talk), 45_000);
  t.is(v?.talk?.transferredTo, '+33384000099');
});

test('given shuffled events, unknown types and malformed payloads, when classified, then order is (at, seq) and junk is ignored', (t) => {
  const b = call().arrive(T0).enqueue('technique').event('queue.entered', 0, {}).event('acd.mystery', 1_000, { x: 1 })
    .event('agent.answered', 0, { agent: 42 }).answer('a1', 4_000).hangup(10_000);
  const built = b.build();
  const shuffled = { ...built, events: [...built.events].reverse() };
  const c = classifyCall(shuffled);
  t.is(c.visits.length, 1);
  t.like(c.visits[0], { waitMs: 5_000, outcome: { kind: 'answered', agent: 'a1' } });
});

test('given the same millisecond, when two events tie, then seq decides', (t) => {
  const at = new Date(T0);
  const c = classifyCall({ callId: 'x', tenant: 't', line: 'l', did: 'd', events: [
    { type: 'call.hangup', at, seq: 3, data: { by: 'caller' } },
    { type: 'queue.entered', at, seq: 2, data: { queue: 'q' } },
    { type: 'call.arrived', at, seq: 1 },
  ] });
  t.like(c.visits[0], { waitMs: 0, outcome: { kind: 'abandoned', immediate: true } });
});

test('given events after the hang-up, when classified, then no new wait opens but the wrap-up still counts', (t) => {
  const c = classifyCall(call().arrive(T0).enqueue('technique').answer('a1', 2_000).hangup(20_000).wrapUp(10_000).enqueue('technique', 1_000).build());
  t.is(c.visits.length, 1);
  const v = c.visits[0];
  t.is(v?.talk && handleMs(v.talk), 30_000);
});
