import test from 'ava';
import { Bucketer } from './buckets.js';
import { computeKpis } from './compute.js';
import { call } from './test-support.js';

const iso = (d: Date): string => d.toISOString();
const queued = (at: string, line = 'technique') => call({ line }).arrive(at).enqueue(line).answer('a1', 20_000).hangup(60_000).build();

test('given a call queued at 23:59:50 in Paris and answered after midnight, when bucketed per day, then it counts on the day it was queued', (t) => {
  const rows = computeKpis([queued('2026-10-24T21:59:50Z')], { from: new Date('2026-10-24T00:00:00+02:00'), to: new Date('2026-10-26T00:00:00+01:00'), bucket: 'day', timezone: 'Europe/Paris' });
  t.deepEqual(rows.map((r) => [r.bucket.label, r.offered, r.answered]), [['2026-10-24', 1, 1], ['2026-10-25', 0, 0]]);
});

test('given the night Paris goes back to winter time, when bucketed, then the day lasts 25 h and 02:00 makes two hour buckets', (t) => {
  const day = new Bucketer('day', 'Europe/Paris', new Date('2026-10-25T00:00:00+02:00'), new Date('2026-10-26T00:00:00+01:00')).all();
  t.deepEqual(day.map((b) => [b.label, iso(b.start), iso(b.end)]), [['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
  const calls = [queued('2026-10-25T00:30:00Z'), queued('2026-10-25T01:30:00Z'), queued('2026-10-25T22:59:59.999Z'), queued('2026-10-25T23:00:00Z')];
  const rows = computeKpis(calls, { from: new Date('2026-10-24T23:00:00Z'), to: new Date('2026-10-25T02:00:00Z'), bucket: 'hour', timezone: 'Europe/Paris' });
  t.deepEqual(rows.map((r) => [r.bucket.label, r.offered]), [['2026-10-25T01:00+02:00', 0], ['2026-10-25T02:00+02:00', 1], ['2026-10-25T02:00+01:00', 1]]);
  const days = computeKpis(calls, { from: new Date('2026-10-25T00:00:00+02:00'), to: new Date('2026-10-27T00:00:00+01:00'), bucket: 'day', timezone: 'Europe/Paris' });
  t.deepEqual(days.map((r) => [r.bucket.label, r.offered]), [['2026-10-25', 3], ['2026-10-26', 1]], '23:59:59.999 local is still the 25th');
});

test('given the night Paris moves to summer time, when bucketed, then the day lasts 23 h and there is no 02:00 hour', (t) => {
  const b = new Bucketer('hour', 'Europe/Paris', new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-29T04:00:00+02:00'));
  t.deepEqual(b.all().map((x) => x.label), ['2026-03-29T00:00+01:00', '2026-03-29T01:00+01:00', '2026-03-29T03:00+02:00']);
  const day = new Bucketer('day', 'Europe/Paris', new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00')).all();
  t.deepEqual(day.map((x) => [iso(x.start), iso(x.end)]), [['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
});

test('given Casablanca during Ramadan 2026 (UTC+0) and after (UTC+1), when bucketed per half-hour, then slots follow the local clock', (t) => {
  const during = computeKpis([queued('2026-03-01T10:15:00Z'), queued('2026-03-01T10:45:00Z')], { from: new Date('2026-03-01T10:00:00Z'), to: new Date('2026-03-01T11:00:00Z'), bucket: 'half-hour', timezone: 'Africa/Casablanca' });
  t.deepEqual(during.map((r) => [r.bucket.label, iso(r.bucket.start), r.offered]), [
    ['2026-03-01T10:00+00:00', '2026-03-01T10:00:00.000Z', 1], ['2026-03-01T10:30+00:00', '2026-03-01T10:30:00.000Z', 1],
  ]);
  const after = computeKpis([queued('2026-04-01T10:15:00Z'), queued('2026-04-01T10:29:59.999Z'), queued('2026-04-01T10:30:00Z')], { from: new Date('2026-04-01T10:00:00Z'), to: new Date('2026-04-01T11:00:00Z'), bucket: 'half-hour', timezone: 'Africa/Casablanca' });
  t.deepEqual(after.map((r) => [r.bucket.label, iso(r.bucket.start), r.offered]), [
    ['2026-04-01T11:00+01:00', '2026-04-01T10:00:00.000Z', 2], ['2026-04-01T11:30+01:00', '2026-04-01T10:30:00.000Z', 1],
  ]);
});

test('given the nights Casablanca\'s clock changes for Ramadan 2026, when bucketed per half-hour, then no slot is lost or merged', (t) => {
  const end = new Bucketer('half-hour', 'Africa/Casablanca', new Date('2026-03-22T01:00:00Z'), new Date('2026-03-22T03:00:00Z'));
  t.deepEqual(end.all().map((b) => b.label), ['2026-03-22T01:00+00:00', '2026-03-22T01:30+00:00', '2026-03-22T03:00+01:00', '2026-03-22T03:30+01:00']);
  const start = new Bucketer('half-hour', 'Africa/Casablanca', new Date('2026-02-15T01:00:00Z'), new Date('2026-02-15T03:00:00Z'));
  t.deepEqual(start.all().map((b) => b.label), ['2026-02-15T02:00+01:00', '2026-02-15T02:30+01:00', '2026-02-15T02:00+00:00', '2026-02-15T02:30+00:00']);
  const rows = computeKpis([queued('2026-03-22T01:59:59.999Z'), queued('2026-03-22T02:00:00Z')], { from: new Date('2026-03-22T00:00:00Z'), to: new Date('2026-03-23T00:00:00+01:00'), bucket: 'day', timezone: 'Africa/Casablanca' });
  t.deepEqual(rows.map((r) => [r.bucket.label, iso(r.bucket.start), iso(r.bucket.end), r.offered]), [['2026-03-22', '2026-03-22T00:00:00.000Z', '2026-03-22T23:00:00.000Z', 2]]);
});

test('given a period not aligned on the buckets, when listed, then the first bucket starts before it and the last ends after it', (t) => {
  const b = new Bucketer('hour', 'Europe/Paris', new Date('2026-03-02T08:20:00Z'), new Date('2026-03-02T09:10:00Z'));
  t.deepEqual(b.all().map((x) => [iso(x.start), iso(x.end)]), [
    ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'], ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'],
  ]);
  t.false(b.covers(new Date('2026-03-02T08:19:59.999Z')));
  t.true(b.covers(new Date('2026-03-02T08:20:00Z')));
  t.false(b.covers(new Date('2026-03-02T09:10:00Z')));
});
