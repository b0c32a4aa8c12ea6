// The utility's main number (212520000001, 24/7): language menu, then the main menu, walked by a
// SIPp caller pressing keys by RFC 4733 (the pcaps sip-tester ships) and by SIP INFO. A pcap
// replayed twice carries the same RTP timestamps, which Asterisk rightly takes for a repeat of
// the same key, and the pcaps' timestamps rise from 1 to 9 (0 is older): keys go by RFC 4733
// in rising order, repeats by SIP INFO.
import test from 'ava';
import { eventData, walkIvr } from '../support/calls.js';

const DID = '212520000001';
const sippFailed = (s: { stdout: string }): string => s.stdout.slice(-2000);

test('given Arabic (1) by RFC 4733 then technical (1) by SIP INFO, when the caller walks the IVR, then it waits in the technical queue in Arabic', async (t) => {
  const { sipp, events } = await walkIvr(DID, [{ key: '1' }, { key: '1', via: 'info' }]);
  t.is(sipp.code, 0, sippFailed(sipp));
  t.like(eventData(events, 'ivr.language')[0], { language: 'ar', chosen: true, digit: '1' });
  t.like(eventData(events, 'ivr.key')[0], { step: 'menu', digit: '1' });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique', language: 'ar' });
  const types = events.map((e) => e.type);
  t.true(types.indexOf('recording.started') > types.indexOf('ivr.announce'), 'recording starts after the notice');
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
});

test('given French (2) then Allo Entreprise (3) by SIP INFO, when the caller walks the IVR, then it waits in the business queue in French', async (t) => {
  const { sipp, events } = await walkIvr(DID, [{ key: '2', via: 'info' }, { key: '3', via: 'info' }]);
  t.is(sipp.code, 0, sippFailed(sipp));
  t.like(eventData(events, 'ivr.language')[0], { language: 'fr', chosen: true });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'entreprise', language: 'fr' });
});

test('given wrong keys at the main menu, when the retries are used up, then the invalid-key fallback sends the call to the technical queue', async (t) => {
  const { sipp, events } = await walkIvr(DID, [{ key: '3' }, { key: '4' }, { key: '5' }, { key: '6' }], 40_000);
  t.is(sipp.code, 0, sippFailed(sipp));
  t.like(eventData(events, 'ivr.language')[0], { language: 'en' });
  t.deepEqual(eventData(events, 'ivr.invalid_key').map((d) => d.digit), ['4', '5', '6']);
  t.like(eventData(events, 'ivr.fallback')[0], { step: 'menu', after: 'invalid' });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique' });
});

test('given a caller who asks to hear the menu again and again, when the loop limit is passed, then the call goes to the technical queue', async (t) => {
  const { sipp, events } = await walkIvr(DID, [{ key: '2' }, { key: '9' }, { key: '9', via: 'info' }, { key: '9', via: 'info' }], 40_000);
  t.is(sipp.code, 0, sippFailed(sipp));
  t.deepEqual(eventData(events, 'ivr.menu').filter((d) => d.step === 'menu').map((d) => d.loop), [1, 2, 3]);
  t.is(eventData(events, 'ivr.max_loops').length, 1);
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique' });
});

test('given a caller who presses nothing at the main menu, when it times out each time, then no-input plays and the timeout fallback queues the call', async (t) => {
  const { sipp, events } = await walkIvr(DID, [{ key: '2' }], 90_000);
  t.is(sipp.code, 0, sippFailed(sipp));
  t.deepEqual(eventData(events, 'ivr.timeout').filter((d) => d.step === 'menu').map((d) => d.attempt), [1, 2, 3]);
  t.like(eventData(events, 'ivr.fallback')[0], { step: 'menu', after: 'timeout' });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique', language: 'fr' });
});
