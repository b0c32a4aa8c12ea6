// Random call timelines (seeded, so a failure replays) checked against invariants that must hold
// whatever the calls: every offered unit has exactly one outcome, counts add up across buckets,
// per line a call counts once, ratios stay in [0, 1].
import test from 'ava';
import { computeKpis, type CallKpiOptions, type KpiRow } from './compute.js';
import { call, prng, type CallBuilder } from './test-support.js';
import type { CallTimeline } from './types.js';

const QUEUES = ['technique', 'commercial', 'entreprise'];
const FROM = Date.parse('2026-03-27T00:00:00+01:00');
const TO = Date.parse('2026-04-01T00:00:00+02:00'); // across the spring clock change

function randomCalls(seed: number, count: number): { timelines: CallTimeline[]; queued: number; ivrAbandons: number } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ms = (max: number): number => Math.floor(rnd() * max);
  let queued = 0, ivrAbandons = 0;
  const timelines: CallTimeline[] = [];
  for (let i = 0; i < count; i++) {
    const b: CallBuilder = call({ line: pick(['technique', 'commercial']) }).arrive(new Date(FROM + ms(TO - FROM - 3_600_000))).ivr(ms(20_000));
    const r = rnd();
    if (r < 0.1) { ivrAbandons++; timelines.push(b.hangup(ms(3_000)).build()); continue; }
    if (r < 0.13) { timelines.push(b.hangup(ms(3_000), 'app').build()); continue; }
    if (r < 0.15) { timelines.push(b.build()); continue; } // live, still in the IVR
    queued++;
    b.enqueue(pick(QUEUES));
    let live = true;
    for (let visit = 0; visit < 3 && live; visit++) {
      if (rnd() < 0.3) b.offer(pick(['a1', 'a2', 'a3']), ms(2_000)).ring(ms(500));
      if (rnd() < 0.2) b.noAnswer(ms(20_000));
      const o = rnd();
      if (o < 0.45) {
        b.answer(pick(['a1', 'a2', 'a3']), ms(60_000));
        if (rnd() < 0.15) { b.transfer(ms(60_000), 'queue').enqueue(pick(QUEUES)); continue; }
        if (rnd() < 0.5) b.agentHangup(ms(300_000)).wrapUp(ms(60_000)).hangup(0);
        else if (rnd() < 0.9) b.hangup(ms(300_000), pick(['caller', 'app'] as const));
        live = false;
      } else if (o < 0.65) { b.hangup(ms(10_000), 'caller'); live = false; }
      else if (o < 0.7) { b.hangup(ms(60_000), 'app'); live = false; }
      else if (o < 0.8) { b.overflow(90_000, { kind: 'queue', id: 'x' }).enqueue(pick(QUEUES)); }
      else if (o < 0.85) { b.overflow(90_000, { kind: 'number', id: '+33384961370' }).hangup(0, 'app'); live = false; }
      else if (o < 0.95) { b.callback(ms(120_000)).hangup(ms(2_000)); live = false; }
      else live = false; // still waiting: in progress
    }
    const t = b.build();
    timelines.push({ ...t, events: [...t.events].sort(() => rnd() - 0.5) });
  }
  return { timelines, queued, ivrAbandons };
}

const outcomes = (r: KpiRow): number =>
  r.answered + r.abandoned.inQueueUnder5s + r.abandoned.inQueue + r.dropped + r.overflowed + r.callbacks + r.inProgress;
const sum = (rows: readonly KpiRow[], f: (r: KpiRow) => number): number => rows.reduce((s, r) => s + f(r), 0);
const inUnit = (x: number | null): boolean => x === null || (x >= 0 && x <= 1);

for (const seed of [1, 7, 2026]) {
  test(`given random timelines (seed ${seed}), when computed every way, then every offered unit has exactly one outcome`, (t) => {
    const { timelines, queued, ivrAbandons } = randomCalls(seed, 400);
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
