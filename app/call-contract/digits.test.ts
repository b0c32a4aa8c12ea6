import test from 'ava';
import { DigitQueue } from './digits.js';

test('given keys pressed before anyone asks, when the next key is asked, then they come in order', async (t) => {
  const q = new DigitQueue();
  q.push('1');
  q.push('2');
  const signal = new AbortController().signal;
  t.is(await q.next(1000, signal), '1');
  t.is(await q.next(1000, signal), '2');
});

test('given a wait, when a key is pressed, then the wait ends with it; when nothing comes, it ends empty', async (t) => {
  const q = new DigitQueue();
  const signal = new AbortController().signal;
  const waiting = q.next(5000, signal);
  q.push('#');
  t.is(await waiting, '#');
  t.is(await q.next(20, signal), undefined);
});

test('given a wait, when the call is hung up, then it ends at once', async (t) => {
  const q = new DigitQueue();
  const ctrl = new AbortController();
  const waiting = q.next(60_000, ctrl.signal);
  ctrl.abort();
  t.is(await waiting, undefined);
});
