import test from 'ava';
import { displayZone } from './clock';

const DECEMBER = new Date('2026-12-05T12:00:00Z');

test('given the server and this browser agreeing on a zone\'s offset, when times are shown, then the zone itself is used', (t) => {
  t.is(displayZone('Africa/Casablanca', 60, DECEMBER), 'Africa/Casablanca');
  t.is(displayZone('Europe/Paris', null, DECEMBER), 'Europe/Paris', 'before the server said anything');
});

test('given this browser\'s zone data disagreeing with the server, when times are shown, then a fixed zone at the server\'s offset is used', (t) => {
  t.is(displayZone('Europe/Paris', 120, DECEMBER), 'Etc/GMT-2');
  t.is(displayZone('Africa/Casablanca', 0, DECEMBER), 'UTC');
  t.is(displayZone('Europe/Paris', -180, DECEMBER), 'Etc/GMT+3');
  t.is(displayZone('Asia/Kolkata', 345, DECEMBER), 'Asia/Kolkata', 'no fixed zone for a half hour: the zone stays');
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: displayZone('Europe/Paris', 120, DECEMBER), hour: '2-digit', minute: '2-digit' }).format(DECEMBER);
  t.is(shown, '14:00');
});
