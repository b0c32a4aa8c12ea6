import test from 'ava';
import { backoffDelay } from './backoff.js';

test('given many failed attempts, when the delay is computed, then it grows and never exceeds the cap', (t) => {
  const opts = { initialMs: 100, maxMs: 5000, factor: 2, jitter: 0.2 };
  const mid = () => 0.5;
  t.is(backoffDelay(0, opts, mid), 100);
  t.is(backoffDelay(3, opts, mid), 800);
  t.is(backoffDelay(50, opts, mid), 5000);
  for (let a = 0; a < 200; a++) t.true(backoffDelay(a, opts) <= 5000);
});
