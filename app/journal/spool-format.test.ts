import test from 'ava';
import type { JournalEntry } from './entries.js';
import { decodeEntry, encodeEntry } from './spool-format.js';

test('given entries of every kind with dates, when encoded and decoded, then they come back equal with real Dates', (t) => {
  const at = new Date('2026-11-22T08:30:05.001Z');
  const entries: JournalEntry[] = [
    { kind: 'call', call: { id: 'c1', tenant: 'habitat', line: 'technique', did: '33170000001', direction: 'inbound', callerId: null, channelId: '1795335000.42', startedAt: at } },
    { kind: 'call-update', callId: 'c1', update: { answeredAt: at, endedAt: new Date(at.getTime() + 61_999), hangupCause: 16 } },
    { kind: 'event', event: { id: 'e1', callId: 'c1', tenant: 'habitat', type: 'ivr.key', at, seq: 3, data: { key: '1', nested: { when: new Date(0), list: [new Date(1), 'x'] }, label: 'مرحبا' } } },
    { kind: 'recording', recording: { id: 'r1', callId: 'c1', tenant: 'habitat', name: 'habitat/c1', path: '/r/c1.wav', format: 'wav', startedAt: at, durationMs: null, sizeBytes: 5_000_000_123, sha256: null } },
    { kind: 'agent-event', event: { id: 'a1', tenant: 'energie', agentId: 'agent-7', type: 'agent.state', at, data: { from: 'available', to: 'paused', reason: 'lunch' } } },
  ];

  const lines = entries.map(encodeEntry);

  t.true(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1), 'one line each');
  t.deepEqual(lines.map((l) => decodeEntry(l.trimEnd())), entries);
  const event = decodeEntry(lines[2] ?? '');
  t.true(event.kind === 'event' && event.event.at instanceof Date && event.event.at.getTime() === at.getTime());
});

test('given a string that looks like a date, when it round-trips, then it stays a string', (t) => {
  const entry: JournalEntry = { kind: 'event', event: { id: 'e1', callId: 'c1', tenant: 't', type: 'ivr.calendar', at: new Date(5), seq: 1, data: { localTime: '2026-11-22T09:30:00.000Z' } } };

  const back = decodeEntry(encodeEntry(entry));

  t.true(back.kind === 'event' && back.event.data?.localTime === '2026-11-22T09:30:00.000Z');
});

test('given an invalid Date, when it round-trips, then it comes back as an invalid Date (for the store to refuse)', (t) => {
  const entry: JournalEntry = { kind: 'call-update', callId: 'c1', update: { endedAt: new Date(Number.NaN) } };

  const back = decodeEntry(encodeEntry(entry));

  t.true(back.kind === 'call-update' && back.update.endedAt instanceof Date && Number.isNaN(back.update.endedAt.getTime()));
});

test('given lines that are not journal entries, when decoded, then each throws a SyntaxError', (t) => {
  for (const line of ['{"kind":"event","event":{"id":"e', '', '[1,2]', '{"kind":"nope","event":{}}', '{"kind":"call"}', '{"kind":"event","event":null}']) {
    t.throws(() => decodeEntry(line), { instanceOf: SyntaxError }, line);
  }
});

test('given data JSON cannot hold, when encoded, then it throws instead of writing a bad line', (t) => {
  const data: Record<string, unknown> = {};
  data.self = data;
  t.throws(() => encodeEntry({ kind: 'event', event: { id: 'e1', callId: 'c1', tenant: 't', type: 'x', at: new Date(0), seq: 1, data } }), { instanceOf: TypeError });
});
