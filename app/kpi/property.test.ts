// Random call timelines (seeded, so a failure replays) checked against invariants that must hold
// whatever the calls: every offered unit has exactly one outcome, counts add up across buckets,
// per line a call counts once, ratios stay in [0, 1].
import test from 'ava';
import { computeKpis, type CallKpiOptions, type KpiRow } from './compute.js';
import { randomCalls } from './test-support.js';

const FROM = Date.parse('2026-03-27T00:00:00+01:00');
const TO = Date.parse('2026-04-01T00:00:00+02:00'); // across the spring clock change

const outcomes = (r: KpiRow): number =>
  r.answered + r.abandoned.inQueueUnder5s + r.abandoned.inQueue + r.dropped + r.overflowed + r.callbacks + r.inProgress;
const sum = (rows: readonly KpiRow[], f: (r: KpiRow) => number): number => rows.reduce((s, r) => s + f(r), 0);
const inUnit = (x: number | null): boolean => x === null || (x >= 0 && x <= 1);

for (const seed of [1, 7, 2026]) {
  test(`given random timelines (seed ${seed}), when computed every way, then every offered unit has exactly one outcome`, (t) => {
    const { timelines, queued, ivrAbandons } = randomCalls(seed, 400, { from: FROM, to: TO });
    const base: CallKpiOptions = { from: new Date(FROM), to: new Date(TO), bucket: 'day', timezone: 'Europe/Paris' };
    const byQueue = computeKpis(timelines, { ...base, groupBy: 'queue' });
    const byLine = computeKpis(timelines, { ...base, groupBy: 'line' });
    const total = computeKpis(timelines, base);
    const [whole] = computeKpis(timelines, { ...base, bucket: 'total' });
    for (const r of [...byQueue, ...byLine, ...total]) {
      t.is(r.offered, outcomes(r), `${r.group ?? 'all'} ${r.bucket.label}`);
      t.true(r.answeredWithinThreshold <= r.answered && r.answeredBefore10s <= r.qs1.n40 && r.qs1.n40 <= r.answered);
      t.is(r.answeredWithoutWait + r.answeredWithWait, r.answered);
      t.true([r.serviceLevel, r.pickUpRate, r.abandonRate, r.qs1.rate, r.qs2.rate, r.withoutWaitRate].every(inUnit));
      t.true(r.averageWaitMs === null || (r.maxWaitMs !== null && r.averageWaitMs <= r.maxWaitMs));
    }
    t.is(total.length, 5);
    t.is(sum(total, (r) => r.offered), queued, 'each queued call once, in its day');
    t.is(sum(total, (r) => r.abandoned.inIvr), ivrAbandons);
    t.is(whole?.offered, queued);
    t.is(sum(byLine, (r) => r.offered), queued, 'per line, a call counts once however many queues it visited');
    t.true(sum(byQueue, (r) => r.offered) >= queued);
    t.is(sum(byQueue, (r) => r.abandoned.inIvr), 0);
    const agents = computeKpis(timelines, { ...base, groupBy: 'agent' });
    for (const a of agents) t.true(a.taken + a.noAnswer <= a.offered && a.handled <= a.taken);
    t.is(agents.reduce((s, a) => s + a.taken, 0), sum(byQueue, (r) => r.answered), 'every answered visit was taken by one agent');
  });
}
