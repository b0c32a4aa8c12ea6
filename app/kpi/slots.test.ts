// How report buckets are made of 15-minute slots in SQL: the zone's offset changes become a CASE
// on the slots where they happen; a zone whose offset is not whole quarter hours is refused.
import test from 'ava';
import { Bucketer } from './buckets.js';
import { SLOT_MS } from './facts.js';
import { bucketKeySql, slotOf } from './slots.js';

const slots = (from: string, to: string): [number, number] => [slotOf(Date.parse(from)), slotOf(Date.parse(to)) - 1];

test('given a Paris month with the autumn change, when keyed per day, then the offset is +8 slots before 01:00 UTC on the 25th and +4 after', (t) => {
  const [first, last] = slots('2026-10-01T00:00:00+02:00', '2026-11-01T00:00:00+01:00');
  const change = Date.parse('2026-10-25T01:00:00Z') / SLOT_MS;
  t.is(bucketKeySql(new Bucketer('day', 'Europe/Paris', new Date(first * SLOT_MS), new Date((last + 1) * SLOT_MS)), first, last),
    `FLOOR((slot + (CASE WHEN slot < ${change} THEN 8 ELSE 4 END)) / 96)`);
});

test('given a period without a change, when keyed per hour or half-hour, then the offset is a constant', (t) => {
  const [first, last] = slots('2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z');
  const b = (kind: 'hour' | 'half-hour') => new Bucketer(kind, 'Africa/Casablanca', new Date(first * SLOT_MS), new Date((last + 1) * SLOT_MS));
  t.is(bucketKeySql(b('hour'), first, last), '(slot - MOD(slot + 4, 4))');
  t.is(bucketKeySql(b('half-hour'), first, last), '(slot - MOD(slot + 4, 2))');
});

test('given a zone whose offset was not whole quarter hours, when keyed, then it is refused with the reason', (t) => {
  // Monrovia kept GMT-0:44:30 until 1972.
  const [first, last] = slots('1971-01-01T00:00:00Z', '1971-02-01T00:00:00Z');
  const b = new Bucketer('day', 'Africa/Monrovia', new Date(first * SLOT_MS), new Date((last + 1) * SLOT_MS));
  t.throws(() => bucketKeySql(b, first, last), { message: /not whole quarter hours/ });
});
