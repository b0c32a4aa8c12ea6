// The row-to-timeline half of sql.ts (no database here; the query itself runs in integration).
import test from 'ava';
import { computeKpis } from './compute.js';
import { rowsToTimelines, utcDate } from './sql.js';

test('given DATETIME text from the driver, when read, then it is taken as UTC', (t) => {
  t.is(utcDate('2026-03-02 08:00:01.250').toISOString(), '2026-03-02T08:00:01.250Z');
  const d = new Date('2026-03-02T08:00:01.250Z');
  t.is(utcDate(d), d);
});

test('given joined rows ordered by call, when grouped, then one timeline per call with parsed payloads', (t) => {
  const row = (callId: string, type: string | null, at: string | null, seq: number | null, data: unknown) =>
    ({ callId, did: '+33384000001', line: 'technique', startedAt: '2026-03-02 08:00:00.000', type, at, seq, data });
  const timelines = rowsToTimelines([
    row('c1', 'call.arrived', '2026-03-02 08:00:00.000', 1, null),
    row('c1', 'queue.entered', '2026-03-02 08:00:03.000', 2, '{"queue":"technique"}'),
    row('c1', 'agent.answered', '2026-03-02 08:00:15.000', 3, { queue: 'technique', agent: 'a1' }),
    row('c1', 'call.hangup', '2026-03-02 08:01:45.000', 4, { by: 'caller', cause: 16 }),
    row('c2', null, null, null, null), // a call whose events are not written yet
  ], 'habitat70');
  t.deepEqual(timelines.map((x) => [x.callId, x.tenant, x.line, x.events.length]), [['c1', 'habitat70', 'technique', 4], ['c2', 'habitat70', 'technique', 0]]);
  t.deepEqual(timelines[0]?.events[1]?.data, { queue: 'technique' });
  const [r] = computeKpis(timelines, { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z'), bucket: 'total', timezone: 'Europe/Paris' });
  t.like(r, { offered: 1, answered: 1, averageWaitMs: 12_000, averageTalkMs: 90_000 });
});
