// Admission from the app's own load: ARI requests waiting for Asterisk and the event loop's lag.
import test from 'ava';
import { Admission } from './admission.js';

test('given more ARI requests pending than allowed, when a call comes, then it is refused for the backlog; below, admitted', (t) => {
  let pending = 0;
  const admission = new Admission(() => pending, { maxPendingAri: 10, maxLoopLagMs: 10_000 });
  t.teardown(() => admission.stop());
  t.is(admission.check(), undefined);
  pending = 11;
  t.is(admission.check(), 'ari_backlog');
  pending = 10;
  t.is(admission.check(), undefined);
});

test('given an event loop blocked past the limit, when measured, then calls are refused for the lag for a while, then admitted again', async (t) => {
  const admission = new Admission(() => 0, { maxPendingAri: 10, maxLoopLagMs: 100 });
  t.teardown(() => admission.stop());
  await new Promise((r) => setTimeout(r, 50));
  const until = Date.now() + 300;
  while (Date.now() < until) { /* the loop is blocked, as by a burst of work */ }
  // The verdict follows the last measured second: watched until it says so, then until it clears.
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < 80 && seen.at(-1) !== 'event_loop_lag'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    seen.push(admission.check());
  }
  t.is(seen.at(-1), 'event_loop_lag');
  for (let i = 0; i < 80 && seen.at(-1) !== undefined; i++) {
    await new Promise((r) => setTimeout(r, 50));
    seen.push(admission.check());
  }
  t.is(seen.at(-1), undefined, 'admitted again once the stall is out of the window');
});
