import test from 'ava';
import { computeKpis, type CallKpiOptions } from './compute.js';
import { landlordMonthlyQualityPenalty } from './penalty.js';
import { call } from './test-support.js';

const T0 = '2026-03-02T08:00:00.000Z'; // 09:00 in Paris
const month: CallKpiOptions = { from: new Date('2026-03-01T00:00:00+01:00'), to: new Date('2026-04-01T00:00:00+02:00'), bucket: 'total', timezone: 'Europe/Paris' };
const q = (name = 'technique') => call().arrive(T0).ivr(3_000).enqueue(name);

test('given one call of every kind, when computed over the month, then every counter and ratio matches the hand count', (t) => {
  const calls = [
    q().answer('a1', 12_000).agentHangup(90_000).wrapUp(30_000).hangup(0),
    q().answer('a1', 39_999).hangup(120_000),
    q().answer('a2', 40_000).hangup(60_000),
    q().answer('a2', 65_000).agentHangup(200_000).wrapUp(10_000).hangup(0),
    q().hangup(4_900),
    q().hangup(5_000),
    q().hangup(50_000),
    call().arrive(T0).ivr(6_000).hangup(500),
    q().callback(60_000).hangup(1_000),
    q().offer('a3', 300).ring(0).answer('a3', 7_700).hangup(30_000),
    q().offer('a1', 5_000),
  ].map((b) => b.build());
  const [row, ...rest] = computeKpis(calls, { ...month, serviceLevelSeconds: 40 });
  t.is(rest.length, 0);
  t.like(row, {
    group: null, offered: 10, answered: 5, answeredWithinThreshold: 4, serviceLevel: 4 / 9,
    abandoned: { inIvr: 1, inQueueUnder5s: 1, inQueue: 2 },
    dropped: 0, overflowed: 0, callbacks: 1, inProgress: 1,
    answeredWithoutWait: 1, answeredWithWait: 4, withoutWaitRate: 1 / 5, withWaitRate: 4 / 5, answeredBefore10s: 1,
    averageWaitMs: 33_000, maxWaitMs: 65_000,
    averageTalkMs: 100_000, averageHandleMs: 108_000, longestTalkMs: 200_000,
    pickUpRate: 5 / 9, abandonRate: 3 / 9,
    qs1: { n40: 3, n: 9, rate: 3 / 9 },
    qs2: { nr: 5, n: 8, rate: 5 / 8 },
  });
  t.is(row?.bucket.label, '2026-03-01T00:00+01:00/2026-04-01T00:00+02:00');
});

test('given waits of 20.000 s and 20.001 s, when the service level is 20 s (default), then only the first is within', (t) => {
  const [row] = computeKpis([q().answer('a1', 20_000).hangup(1), q().answer('a1', 20_001).hangup(1)].map((b) => b.build()), month);
  t.like(row, { answered: 2, answeredWithinThreshold: 1, serviceLevel: 0.5 });
});

test('given the tender\'s way of counting, when immediate hang-ups weigh on QS1 but not QS2, then the month\'s penalty follows', (t) => {
  const calls = [
    ...[5_000, 10_000, 15_000, 20_000, 30_000, 39_000].map((w) => q().answer('a1', w).hangup(60_000)),
    q().answer('a1', 45_000).hangup(60_000),
    q().hangup(20_000),
    q().hangup(3_000), q().hangup(3_000),
  ].map((b) => b.build());
  const [row] = computeKpis(calls, { ...month, serviceLevelSeconds: 40 });
  // QS1 = N40 / N = 6 / 10; QS2 = NR / N = 7 / (10 - 2 immediate hang-ups).
  t.like(row, { qs1: { n40: 6, n: 10, rate: 0.6 }, qs2: { nr: 7, n: 8, rate: 0.875 } });
  const p = landlordMonthlyQualityPenalty({ qs1: row?.qs1.rate ?? null, qs2: row?.qs2.rate ?? null, monthInvoice: 10_000 });
  t.deepEqual(p, { qs1: { gapPoints: 25, amount: 2_500 }, qs2: { gapPoints: 0, amount: 0 }, total: 2_500 });
});

test('given an overflow from one queue to another, when grouped by queue, then both queues count it; per line it counts once', (t) => {
  const calls = [
    q('technique').overflow(90_000, { kind: 'queue', id: 'debordement' }).enqueue('debordement').answer('a2', 10_000).hangup(60_000),
    q('debordement').answer('a2', 5_000).hangup(60_000),
    q('technique').overflow(90_000, { kind: 'number', id: '+33384961370' }).hangup(0, 'app'),
  ].map((b) => b.build());
  const byQueue = computeKpis(calls, { ...month, groupBy: 'queue' });
  t.like(byQueue[0], { group: 'debordement', offered: 2, answered: 2, answeredWithinThreshold: 2, serviceLevel: 1, maxWaitMs: 10_000 });
  t.like(byQueue[1], { group: 'technique', offered: 2, answered: 0, overflowed: 2, serviceLevel: 0, maxWaitMs: 90_000 });
  const byLine = computeKpis(calls, { ...month, groupBy: 'line' });
  t.is(byLine.length, 1);
  // The overflowed-then-answered call waited 100 s in all: not within 20 s.
  t.like(byLine[0], { group: 'technique', offered: 3, answered: 2, overflowed: 1, answeredWithinThreshold: 1, maxWaitMs: 100_000 });
  t.like(computeKpis(calls, month)[0], { group: null, offered: 3, answered: 2, overflowed: 1 });
});

test('given calls on two lines over two days, when grouped by line per day, then every line has every day, empty ones as zeros', (t) => {
  const calls = [
    call({ line: 'commercial' }).arrive('2026-03-02T10:00:00Z').enqueue('commercial').answer('a1', 3_000).hangup(10_000),
    call({ line: 'technique' }).arrive('2026-03-03T10:00:00Z').enqueue('technique').hangup(9_000),
  ].map((b) => b.build());
  const rows = computeKpis(calls, { from: new Date('2026-03-02T00:00:00+01:00'), to: new Date('2026-03-04T00:00:00+01:00'), bucket: 'day', timezone: 'Europe/Paris', groupBy: 'line' });
  t.deepEqual(rows.map((r) => [r.group, r.bucket.label, r.offered, r.answered, r.pickUpRate]), [
    ['commercial', '2026-03-02', 1, 1, 1], ['commercial', '2026-03-03', 0, 0, null],
    ['technique', '2026-03-02', 0, 0, null], ['technique', '2026-03-03', 1, 0, 0],
  ]);
});

test('given calls around the period bounds, when computed, then [from, to) decides by queue entry, or arrival for IVR abandons', (t) => {
  const from = new Date('2026-03-02T08:00:00Z'), to = new Date('2026-03-02T09:00:00Z');
  const calls = [
    call().arrive('2026-03-02T07:59:50Z').enqueue('technique', 10_000).hangup(30_000), // entered at `from`: in
    call().arrive('2026-03-02T08:59:59Z').enqueue('technique', 1_000).hangup(30_000), // entered at `to`: out
    call().arrive('2026-03-02T07:59:59.999Z').ivr(5_000).hangup(0), // arrived before `from`: out
    call().arrive('2026-03-02T08:30:00Z').ivr(5_000).hangup(0),
  ].map((b) => b.build());
  t.like(computeKpis(calls, { from, to, bucket: 'total', timezone: 'Europe/Paris' })[0], { offered: 1, abandoned: { inIvr: 1, inQueue: 1 } });
});

test('given offers to several agents, when grouped by agent per hour, then each agent has offers, takes, no-answers and AHT', (t) => {
  const calls = [
    call().arrive('2026-03-02T08:10:00Z').enqueue('technique').offer('a1').ring().noAnswer(15_000).offer('a2', 0).answer('a2', 3_000).agentHangup(100_000).wrapUp(20_000).hangup(0),
    call().arrive('2026-03-02T08:20:00Z').enqueue('technique').offer('a1').answer('a1', 4_000).agentHangup(60_000).wrapUp(30_000).hangup(0),
    call().arrive('2026-03-02T09:05:00Z').enqueue('technique').offer('a1').answer('a1', 4_000).hangup(200_000),
    call().arrive('2026-03-02T09:15:00Z').enqueue('technique').offer('a1').hangup(2_000),
  ].map((b) => b.build());
  const rows = computeKpis(calls, { from: new Date('2026-03-02T08:00:00Z'), to: new Date('2026-03-02T10:00:00Z'), bucket: 'hour', timezone: 'Europe/Paris', groupBy: 'agent' });
  t.deepEqual(rows.map((r) => [r.agent, r.bucket.label, r.offered, r.taken, r.noAnswer, r.handled, r.averageTalkMs, r.averageHandleMs, r.longestTalkMs]), [
    ['a1', '2026-03-02T09:00+01:00', 2, 1, 1, 1, 60_000, 90_000, 60_000],
    ['a1', '2026-03-02T10:00+01:00', 2, 1, 0, 1, 200_000, 200_000, 200_000],
    ['a2', '2026-03-02T09:00+01:00', 1, 1, 0, 1, 100_000, 120_000, 100_000],
    ['a2', '2026-03-02T10:00+01:00', 0, 0, 0, 0, null, null, null],
  ]);
});

test('given bad options, when computed, then they are refused with a clear error', (t) => {
  t.throws(() => computeKpis([], { ...month, timezone: 'Mars/Olympus' }), { message: /unknown time zone/ });
  t.throws(() => computeKpis([], { ...month, to: month.from }), { message: /from < to/ });
  t.throws(() => computeKpis([], { ...month, serviceLevelSeconds: -1 }), { message: /serviceLevelSeconds/ });
  t.like(computeKpis([], month)[0], { offered: 0, serviceLevel: null, averageWaitMs: null, qs1: { rate: null } });
});
