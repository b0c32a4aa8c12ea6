// A batch sorted by table: every row in its table's list whatever the order appended, and a
// call's updates merged in the order appended (the later value wins).
import test from 'ava';
import { batchRows } from './batch-rows.js';
import type { JournalEntry } from './entries.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 30, 8, 0, s));

test('given a batch of every kind of entry, interleaved, when sorted, then each table gets its rows in order and each call one merged update', (t) => {
  const entries: JournalEntry[] = [
    { kind: 'call', call: { id: 'c1', tenant: 'habitat', line: 'technique', did: '1', direction: 'inbound', callerId: null, channelId: 'ch1', startedAt: at(0) } },
    { kind: 'event', event: { id: 'e1', callId: 'c1', tenant: 'habitat', type: 'call.arrived', at: at(0), seq: 1 } },
    { kind: 'call-update', callId: 'c1', update: { answeredAt: at(1) } },
    { kind: 'agent-event', event: { id: 'a1', tenant: 'habitat', agentId: 'agent-1', type: 'agent.state', at: at(1) } },
    { kind: 'call', call: { id: 'c2', tenant: 'habitat', line: 'technique', did: '1', direction: 'inbound', callerId: null, channelId: 'ch2', startedAt: at(2) } },
    { kind: 'event', event: { id: 'e2', callId: 'c2', tenant: 'habitat', type: 'call.arrived', at: at(2), seq: 1 } },
    { kind: 'recording', recording: { id: 'r1', callId: 'c1', tenant: 'habitat', name: 'n', path: 'p', format: 'wav', startedAt: at(3), durationMs: null, sizeBytes: null, sha256: null } },
    { kind: 'call-update', callId: 'c1', update: { endedAt: at(9), hangupCause: 16 } },
    { kind: 'call-update', callId: 'c2', update: { endedAt: at(5) } },
    { kind: 'call-update', callId: 'c1', update: { hangupCause: 17, hangupReason: 'busy' } },
  ];
  const rows = batchRows(entries);
  t.deepEqual(rows.calls.map((c) => c.id), ['c1', 'c2']);
  t.deepEqual(rows.events.map((e) => e.id), ['e1', 'e2']);
  t.deepEqual(rows.agentEvents.map((e) => e.id), ['a1']);
  t.deepEqual(rows.recordings.map((r) => r.id), ['r1']);
  t.deepEqual([...rows.updates], [
    ['c1', { answeredAt: at(1), endedAt: at(9), hangupCause: 17, hangupReason: 'busy' }],
    ['c2', { endedAt: at(5) }],
  ]);
});
