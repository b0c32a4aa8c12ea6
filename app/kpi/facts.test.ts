// What one call is summarised into: one unit per queue visit, one per call on its line (journey
// or IVR abandon), one per offer to an agent, each with the outcome and durations the KPIs add.
import test from 'ava';
import { summariseCall, type KpiFact } from './facts.js';
import { call } from './test-support.js';

const T0 = '2026-03-02T08:00:00.000Z';
const at = (ms: number): Date => new Date(Date.parse(T0) + ms);
const pick = (f: KpiFact) => [f.kind, f.n, f.group, f.at.toISOString(), f.outcome, f.waitMs, f.withoutWait, f.talkMs, f.handleMs];

test('given a call that overflows, rings an agent who does not answer, then is taken, when summarised, then every unit is there', (t) => {
  const tl = call({ line: 'technique' }).arrive(T0).ivr(3_000).enqueue('technique')
    .overflow(90_000, { kind: 'queue', id: 'debordement' }).enqueue('debordement')
    .offer('a1', 500).ring(0).noAnswer(15_000).offer('a2', 0).ring(0).answer('a2', 4_000)
    .agentHangup(60_000).wrapUp(20_000).hangup(0).build();
  const { callId, tenant, facts } = summariseCall(tl);
  t.is(callId, tl.callId);
  t.is(tenant, 'habitat70');
  t.deepEqual(facts.map(pick), [
    ['queue', 0, 'technique', at(3_000).toISOString(), 'overflowed', 90_000, false, null, null],
    ['queue', 1, 'debordement', at(93_000).toISOString(), 'answered', 19_500, false, 60_000, 80_000],
    // The call as its caller lived it: 109.5 s from the first queue to the answer.
    ['line', 0, 'technique', at(3_000).toISOString(), 'answered', 109_500, false, 60_000, 80_000],
    ['agent', 0, 'a1', at(93_500).toISOString(), 'no_answer', null, false, null, null],
    ['agent', 1, 'a2', at(108_500).toISOString(), 'answered', null, false, 60_000, 80_000],
  ]);
});

test('given calls that end in the IVR, abandon at once, or still wait, when summarised, then each unit says so', (t) => {
  const ivr = summariseCall(call().arrive(T0).ivr(6_000).hangup(500).build()).facts;
  t.deepEqual(ivr.map(pick), [['line', 0, 'technique', T0, 'ivr', null, false, null, null]]);
  const immediate = summariseCall(call().arrive(T0).enqueue('technique').hangup(4_999).build()).facts;
  t.deepEqual(immediate.map((f) => [f.kind, f.outcome, f.waitMs]), [['queue', 'immediate', 4_999], ['line', 'immediate', 4_999]]);
  const waiting = summariseCall(call().arrive(T0).enqueue('technique').offer('a1', 300).build()).facts;
  t.deepEqual(waiting.map((f) => [f.kind, f.outcome, f.waitMs]), [['queue', 'waiting', null], ['line', 'waiting', null], ['agent', 'pending', null]]);
  const withoutWait = summariseCall(call().arrive(T0).enqueue('technique').offer('a1', 300).answer('a1', 5_000).build()).facts;
  t.deepEqual(withoutWait.map((f) => [f.kind, f.outcome, f.withoutWait, f.talkMs]), [['queue', 'answered', true, null], ['line', 'answered', true, null], ['agent', 'answered', false, null]]);
  // The app hanging up in the IVR counts nowhere.
  t.deepEqual(summariseCall(call().arrive(T0).ivr(2_000).hangup(0, 'app').build()).facts, []);
});

test('given a group id longer than the stored 64 characters, when summarised, then it is cut to 64', (t) => {
  const long = 'q'.repeat(80);
  const [queue] = summariseCall(call().arrive(T0).enqueue(long).hangup(9_000).build()).facts;
  t.is(queue?.group, 'q'.repeat(64));
});
