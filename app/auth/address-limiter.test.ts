import test from 'ava';
import { AddressLimiter } from './address-limiter.js';

test('given an address at its limit, when it tries again within the window, then it waits until its oldest attempt leaves the window', (t) => {
  const limiter = new AddressLimiter(3, 60_000);
  t.is(limiter.hit('10.0.0.1', 0), 0);
  t.is(limiter.hit('10.0.0.1', 10_000), 0);
  t.is(limiter.hit('10.0.0.1', 20_000), 0);
  t.is(limiter.hit('10.0.0.1', 30_000), 30, 'the attempt at 0 leaves the window at 60 s');
  t.is(limiter.hit('10.0.0.2', 30_000), 0, 'another address is counted apart');
  t.is(limiter.hit('10.0.0.1', 60_001), 0, 'a refused attempt does not count: one slot is free again');
  t.is(limiter.hit('10.0.0.1', 60_002), 10);
});
