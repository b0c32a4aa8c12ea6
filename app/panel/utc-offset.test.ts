import test from 'ava';
import { utcOffsetMinutes } from './utc-offset.js';

test('given zones east, west and at UTC, when their offset is asked at an instant, then it is the minutes ahead of UTC then', (t) => {
  t.is(utcOffsetMinutes('Europe/Paris', new Date('2026-12-05T12:00:00Z')), 60);
  t.is(utcOffsetMinutes('Europe/Paris', new Date('2026-07-05T12:00:00Z')), 120);
  t.is(utcOffsetMinutes('Africa/Casablanca', new Date('2026-12-05T12:00:00Z')), 60);
  t.is(utcOffsetMinutes('America/St_Johns', new Date('2026-12-05T12:00:00Z')), -210);
  t.is(utcOffsetMinutes('UTC', new Date('2026-12-05T12:00:00Z')), 0);
});
