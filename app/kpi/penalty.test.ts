import test from 'ava';
import {
  landlordHalfDayPenalty, landlordInterruptionHalfDays, landlordInterruptionPenalty, landlordMonthlyQualityPenalty, lateReports,
  qualityGapPenalty, utilityInterruptionPenalty, utilityMonthlyReportDue, utilityPenalties,
} from './penalty.js';

const H = 3_600_000;
const MIN = 60_000;

test('given the tender\'s example (QS measured at 75 % in March), when penalised, then 10 % of the March invoice', (t) => {
  t.deepEqual(qualityGapPenalty(0.75, 5_384), { gapPoints: 10, amount: 538.4 });
  t.deepEqual(landlordMonthlyQualityPenalty({ qs1: 0.75, qs2: 0.75, monthInvoice: 5_384 }), {
    qs1: { gapPoints: 10, amount: 538.4 }, qs2: { gapPoints: 10, amount: 538.4 }, total: 1_076.8,
  });
});

test('given a rate at or above 85 %, or no call at all, when penalised, then nothing is due', (t) => {
  t.deepEqual(qualityGapPenalty(0.85, 10_000), { gapPoints: 0, amount: 0 });
  t.deepEqual(qualityGapPenalty(0.97, 10_000), { gapPoints: 0, amount: 0 });
  t.deepEqual(qualityGapPenalty(null, 10_000), { gapPoints: 0, amount: 0 });
});

test('given a fractional gap, when penalised, then the rate is used as measured and the amount rounded to the cent', (t) => {
  t.deepEqual(qualityGapPenalty(5 / 6, 1_000), { gapPoints: 1.666667, amount: 16.67 });
});

test('given interruptions of various lengths, when counted in half days, then 3 h is tolerated, then 1, then 2x2 per day', (t) => {
  t.is(landlordInterruptionHalfDays(0), 0);
  t.is(landlordInterruptionHalfDays(3 * H), 0);
  t.is(landlordInterruptionHalfDays(3 * H + 1), 1);
  t.is(landlordInterruptionHalfDays(12 * H), 1);
  t.is(landlordInterruptionHalfDays(12 * H + 1), 4);
  t.is(landlordInterruptionHalfDays(24 * H), 4);
  t.is(landlordInterruptionHalfDays(30 * H), 8);
});

test('given an annual contract of 73,000 €, when a month has a 4 h and a 2 h interruption, then one half day is due: 100 €', (t) => {
  t.is(landlordHalfDayPenalty(73_000), 100);
  t.deepEqual(landlordInterruptionPenalty([4 * H, 2 * H], 73_000), { halfDays: 1, amount: 100 });
  t.deepEqual(landlordInterruptionPenalty([13 * H], 73_000), { halfDays: 4, amount: 400 });
});

test('given the utility\'s interruptions, when penalised, then 2,000 DH up to 30 min and 5,000 DH beyond', (t) => {
  t.is(utilityInterruptionPenalty(0), 0);
  t.is(utilityInterruptionPenalty(1), 2_000);
  t.is(utilityInterruptionPenalty(30 * MIN), 2_000);
  t.is(utilityInterruptionPenalty(30 * MIN + 1), 5_000);
});

test('given the monthly report of March 2026, when due, then at the end of 10 April on Casablanca\'s clock (UTC+1)', (t) => {
  t.is(utilityMonthlyReportDue(2026, 3).toISOString(), '2026-04-10T23:00:00.000Z');
  t.is(utilityMonthlyReportDue(2026, 12).toISOString(), '2027-01-10T23:00:00.000Z');
});

test('given reports on time, late and missing, when the month is judged, then 1,000 DH per late or missing report', (t) => {
  const due = new Date('2026-04-10T23:00:00Z');
  const reports = [
    { name: 'monthly-2026-03', due, deliveredAt: new Date('2026-04-10T22:59:59Z') },
    { name: 'daily-2026-04-01', due: new Date('2026-04-02T07:00:00Z'), deliveredAt: new Date('2026-04-02T07:00:00Z') },
    { name: 'daily-2026-04-02', due: new Date('2026-04-03T07:00:00Z'), deliveredAt: null },
    { name: 'daily-2026-04-30', due: new Date('2026-05-01T07:00:00Z'), deliveredAt: null },
  ];
  const asOf = new Date('2026-04-30T12:00:00Z');
  t.deepEqual(lateReports(reports, asOf).map((r) => r.name), ['daily-2026-04-01', 'daily-2026-04-02']);
  t.deepEqual(utilityPenalties({ interruptionsMs: [10 * MIN, 45 * MIN, 0], reports, asOf }), {
    interruptions: { short: 1, long: 1, amount: 7_000 },
    lateReports: { names: ['daily-2026-04-01', 'daily-2026-04-02'], amount: 2_000 },
    total: 9_000,
  });
});
