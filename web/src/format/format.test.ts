import test from 'ava';
import { formatDateTime, formatDuration, formatTime, groups, sameDay } from './format';

test('durations are m:ss under an hour and h:mm:ss beyond', (t) => {
  t.is(formatDuration(0), '0:00');
  t.is(formatDuration(75), '1:15');
  t.is(formatDuration(3725), '1:02:05');
  t.is(formatDuration(-3), '0:00');
});

test('secrets are shown in groups of four', (t) => {
  t.is(groups('JBSWY3DPEHPK3PXPAB'), 'JBSW Y3DP EHPK 3PXP AB');
});

const at = '2026-12-05T13:05:09Z';

test('times are shown in the tenant\'s zone, in each language, with Latin digits in Arabic', (t) => {
  t.is(formatTime(at, 'fr', 'Africa/Casablanca'), '14:05');
  t.is(formatTime(at, 'fr', 'Europe/Paris'), '14:05');
  t.is(formatTime(at, 'en', 'UTC'), '13:05');
  t.is(formatTime(at, 'ar', 'Africa/Casablanca'), '14:05');
  t.regex(formatDateTime(at, 'ar', 'Africa/Casablanca'), /^[\d\u200f/،, :]+$/, 'no Arabic-Indic digits');
  t.true(formatDateTime(at, 'fr', 'Europe/Paris').startsWith('05/12/2026'));
});

test('an unknown zone falls back to the browser\'s instead of failing', (t) => {
  t.not(formatTime(at, 'fr', 'Nowhere/Nothing'), '');
});

test('same day is decided in the tenant\'s zone', (t) => {
  // 23:30 UTC on the 5th is already the 6th in Paris.
  const late = Date.parse('2026-12-05T23:30:00Z');
  t.true(sameDay('2026-12-05T23:10:00Z', late, 'UTC'));
  t.false(sameDay('2026-12-05T22:50:00Z', late, 'Europe/Paris'));
  t.true(sameDay('2026-12-05T23:10:00Z', late, 'Europe/Paris'));
});
