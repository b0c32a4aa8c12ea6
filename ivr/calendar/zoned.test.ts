import test from 'ava';
import {
  addDays, isKnownTimeZone, isoWeekday, localParts, offsetChanges, offsetMs, parseLocalDateTime, zonedToInstant, zonedToInstants,
} from './zoned.js';

const utc = (s: string): Date => new Date(`${s}Z`);

test('given a November instant, when read in Paris, then the wall clock is UTC+1 and the ISO weekday is Friday', (t) => {
  t.deepEqual(localParts(utc('2026-11-20T15:29:07'), 'Europe/Paris'),
    { year: 2026, month: 11, day: 20, weekday: 5, hour: 16, minute: 29, second: 7 });
});

test('given midnight, when read in Paris, then the hour is 0, never 24', (t) => {
  const l = localParts(utc('2026-11-22T23:00:00'), 'Europe/Paris');
  t.deepEqual([l.day, l.weekday, l.hour, l.minute], [23, 1, 0, 0]);
});

test('given an ordinary local time, when converted, then it is the one instant that reads so', (t) => {
  t.is(zonedToInstant('2026-07-14T10:00', 'Europe/Paris').toISOString(), '2026-07-14T08:00:00.000Z');
  t.is(zonedToInstant({ year: 2026, month: 1, day: 5, hour: 8, minute: 30 }, 'Europe/Paris').toISOString(),
    '2026-01-05T07:30:00.000Z');
});

test('given 02:30 on the spring-forward day in Paris (a gap), when converted, then it is the first instant after the gap', (t) => {
  const at = zonedToInstant('2026-03-29T02:30', 'Europe/Paris');
  t.is(at.toISOString(), '2026-03-29T01:00:00.000Z');
  t.like(localParts(at, 'Europe/Paris'), { hour: 3, minute: 0 });
  t.is(zonedToInstant('2026-03-29T02:00', 'Europe/Paris').toISOString(), '2026-03-29T01:00:00.000Z');
  t.is(zonedToInstant('2026-03-29T03:00', 'Europe/Paris').toISOString(), '2026-03-29T01:00:00.000Z');
});

test('given 02:30 on the fall-back day in Paris (an overlap), when converted, then it is the earlier of the two instants', (t) => {
  const at = zonedToInstant('2026-10-25T02:30', 'Europe/Paris');
  t.is(at.toISOString(), '2026-10-25T00:30:00.000Z');
  t.like(localParts(new Date(at.getTime() + 3_600_000), 'Europe/Paris'), { hour: 2, minute: 30 }); // the later one
  t.is(zonedToInstant('2026-10-25T03:00', 'Europe/Paris').toISOString(), '2026-10-25T02:00:00.000Z');
  t.deepEqual(zonedToInstants('2026-10-25T02:30', 'Europe/Paris').map((d) => d.toISOString()),
    ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  t.deepEqual(zonedToInstants('2026-03-29T02:30', 'Europe/Paris').map((d) => d.toISOString()), ['2026-03-29T01:00:00.000Z']);
});

test('given Morocco at UTC+0 during Ramadan 2026, when 10:00 local is converted, then it is 10:00 UTC, and 09:00 UTC after', (t) => {
  t.is(zonedToInstant('2026-03-02T10:00', 'Africa/Casablanca').toISOString(), '2026-03-02T10:00:00.000Z');
  t.is(zonedToInstant('2026-03-23T10:00', 'Africa/Casablanca').toISOString(), '2026-03-23T09:00:00.000Z');
  t.is(offsetMs(utc('2026-03-02T10:00:00'), 'Africa/Casablanca'), 0);
  t.is(offsetMs(utc('2026-03-23T10:00:00'), 'Africa/Casablanca'), 3_600_000);
});

test('given the year 2026, when offset changes are listed, then Paris has its two and Casablanca its Ramadan pair', (t) => {
  const year = [utc('2026-01-01T00:00:00'), utc('2027-01-01T00:00:00')] as const;
  t.deepEqual(offsetChanges(...year, 'Europe/Paris').map((d) => d.toISOString()),
    ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']);
  t.deepEqual(offsetChanges(...year, 'Africa/Casablanca').map((d) => d.toISOString()),
    ['2026-02-15T02:00:00.000Z', '2026-03-22T02:00:00.000Z']);
});

test('given zone names, when checked, then IANA names are known and made-up ones are not', (t) => {
  t.true(isKnownTimeZone('Africa/Casablanca'));
  t.false(isKnownTimeZone('Europe/Pariss'));
});

test('given calendar arithmetic, when days are added across a month and a leap day, then the dates are right', (t) => {
  t.deepEqual(addDays(2028, 2, 28, 1), { year: 2028, month: 2, day: 29 });
  t.deepEqual(addDays(2026, 12, 31, 1), { year: 2027, month: 1, day: 1 });
  t.is(isoWeekday(2026, 11, 22), 7);
  t.throws(() => parseLocalDateTime('2026-11-25 13:30'), { instanceOf: RangeError });
});
