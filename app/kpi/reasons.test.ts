// AHT per call reason: the handle time (talk + wrap-up) of answered calls, per family and nature
// of the reason they were last wrapped up with, over the period; the same from stored sums.
import test from 'ava';
import { classifyCall } from './classify.js';
import { presentReport } from './presenter.js';
import { ReasonAccumulator, wrapupReason } from './reasons.js';
import { KpiReportBuilder } from './report-builder.js';
import { call } from './test-support.js';

const T0 = '2026-03-02T08:00:00.000Z';
const period = { from: new Date('2026-03-01T00:00:00+01:00'), to: new Date('2026-04-01T00:00:00+02:00') };
/** Answered after 10 s, talk `talk` ms, wrap-up `wrap` ms, wrapped up with the reason (if any). */
const handled = (talk: number, wrap: number, reason?: [string, string], at = T0) => {
  const b = call().arrive(at).ivr(2_000).enqueue('technique').answer('a1', 10_000).agentHangup(talk).wrapUp(wrap);
  if (reason) b.event('call.wrapup', 5_000, { agent: 'a1', family: reason[0], nature: reason[1], withNote: false });
  return b.hangup(0).build();
};

test('given calls wrapped up with reasons, when accumulated, then each family and nature has its calls and mean handle time', (t) => {
  const acc = new ReasonAccumulator(period);
  const calls = [
    handled(50_000, 10_000, ['loyer', 'quittance']),
    handled(100_000, 20_000, ['loyer', 'quittance']),
    handled(280_000, 20_000, ['loyer', 'echeancier']),
    handled(30_000, 0, ['technique', 'plomberie']),
    handled(99_000, 1_000),
    call().arrive(T0).ivr(2_000).enqueue('technique').hangup(30_000).event('call.wrapup', 1, { family: 'loyer', nature: 'quittance' }).build(),
    handled(40_000, 0, ['loyer', 'quittance'], '2026-02-28T08:00:00.000Z'),
  ];
  for (const c of calls) acc.addClassified(classifyCall(c), wrapupReason(c.events));
  t.deepEqual(acc.rows(), [
    { family: 'loyer', calls: 3, averageHandleMs: 160_000, natures: [
      { nature: 'echeancier', calls: 1, averageHandleMs: 300_000 },
      { nature: 'quittance', calls: 2, averageHandleMs: 90_000 },
    ] },
    { family: 'technique', calls: 1, averageHandleMs: 30_000, natures: [{ nature: 'plomberie', calls: 1, averageHandleMs: 30_000 }] },
  ], 'not the call without a reason, the abandoned one, nor the one before the period');
});

test('given a call wrapped up twice, when its reason is read, then the last one counts', (t) => {
  const c = call().arrive(T0).enqueue('technique').answer('a1', 1_000).agentHangup(10_000)
    .event('call.wrapup', 1, { family: 'loyer', nature: 'quittance' }).event('call.wrapup', 1, { family: 'voisinage', nature: 'bruit' }).build();
  t.deepEqual(wrapupReason(c.events), { family: 'voisinage', nature: 'bruit' });
  t.is(wrapupReason(call().arrive(T0).event('call.wrapup', 1, { family: 'loyer' }).build().events), undefined, 'malformed');
});

test('given sums from the stored summaries, when merged, then the rows are those of the events; the report presents them as callReasons', (t) => {
  const fromEvents = new KpiReportBuilder({ ...period, bucket: 'day', timezone: 'Europe/Paris' });
  for (const c of [handled(50_000, 10_000, ['loyer', 'quittance']), handled(100_000, 20_000, ['loyer', 'quittance'])]) {
    fromEvents.addClassified(classifyCall(c), wrapupReason(c.events));
  }
  const fromSums = new ReasonAccumulator(period);
  fromSums.merge({ family: 'loyer', nature: 'quittance' }, 2, 180_000);
  const report = fromEvents.build();
  t.deepEqual(report.reasons, fromSums.rows());
  const presented = presentReport(report, { tenant: 'habitat', timezone: 'Europe/Paris', ...period, interval: 'day', serviceLevelSeconds: 20, source: 'events' });
  t.deepEqual(presented.callReasons, [{ family: 'loyer', calls: 2, averageHandleMs: 90_000, natures: [{ nature: 'quittance', calls: 2, averageHandleMs: 90_000 }] }]);
  t.is(presented.tenantWide.total?.averageHandleMs, 90_000, 'the same handle time as the tenant\'s AHT');
});
