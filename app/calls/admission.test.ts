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

test('given an event loop blocked past the limit, when the next second is measured, then calls are refused for the lag, and admitted again once it is over', async (t) => {
  const admission = new Admission(() => 0, { maxPendingAri: 10, maxLoopLagMs: 100 });
  t.teardown(() => admission.stop());
  await new Promise((r) => setTimeout(r, 50));
  const until = Date.now() + 300;
  while (Date.now() < until) { /* the loop is blocked, as by a burst of work */ }
  await new Promise((r) => setTimeout(r, 1100));
  t.is(admission.check(), 'event_loop_lag');
  await new Promise((r) => setTimeout(r, 2100));
  t.is(admission.check(), undefined);
});
