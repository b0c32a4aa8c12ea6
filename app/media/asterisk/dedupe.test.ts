import test from 'ava';
import type { AriEvent } from '../../ari/generated/ari.js';
import { RecentEvents } from './dedupe.js';

const dtmf = (digit: string, timestamp: string, id = 'ch-1') =>
  ({ type: 'ChannelDtmfReceived', timestamp, digit, duration_ms: 100, channel: { id }, application: 'ccapp' }) as unknown as AriEvent;

test('given the same event forwarded by two subscriptions, when seen, then it passes once; distinct events all pass', (t) => {
  const recent = new RecentEvents();
  t.true(recent.first(dtmf('2', '2026-11-22T10:00:00.000+0000')));
  t.false(recent.first(dtmf('2', '2026-11-22T10:00:00.000+0000')), 'the repeat is dropped');
  t.true(recent.first(dtmf('1', '2026-11-22T10:00:00.000+0000')), 'another digit at the same instant is another event');
  t.true(recent.first(dtmf('2', '2026-11-22T10:00:00.400+0000')), 'the same digit later is pressed again');
  t.true(recent.first(dtmf('2', '2026-11-22T10:00:00.000+0000', 'ch-2')), 'another channel');
});

test('given more events than it remembers, when an old one comes back, then it passes again (memory is bounded)', (t) => {
  const recent = new RecentEvents(2);
  t.true(recent.first(dtmf('1', 't1')));
  t.true(recent.first(dtmf('2', 't2')));
  t.true(recent.first(dtmf('3', 't3')));
  t.true(recent.first(dtmf('1', 't1')));
  t.false(recent.first(dtmf('3', 't3')));
});

test('given a channel\'s two hang-up requests in the same millisecond, the second with the cause, when seen, then both pass', (t) => {
  const recent = new RecentEvents();
  const request = (extra: object) => ({ type: 'ChannelHangupRequest', timestamp: '2026-12-06T01:41:00.123+0000', channel: { id: 'ch-1' }, application: 'ccapp', ...extra }) as unknown as AriEvent;
  t.true(recent.first(request({})));
  t.true(recent.first(request({ cause: 16, soft: true })), 'the cause is not lost');
  t.false(recent.first(request({ cause: 16, soft: true })), 'its repeat is');
});
