// The bench's reading of the app's /metrics (Prometheus text format), on expositions written by hand.
import test from 'ava';
import { counterGrowth, parsePrometheus, sampleValue } from './prometheus.js';

const exposition = [
  '# HELP ccapp_ari_requests_total ARI requests the app made, by operation and HTTP status',
  '# TYPE ccapp_ari_requests_total counter',
  'ccapp_ari_requests_total{operation="channels.answer",status="204"} 10',
  'ccapp_ari_requests_total{operation="channels.answer",status="404"} 2',
  'ccapp_ari_requests_total{operation="bridges.create",status="200"} 5 1700000000000',
  '# TYPE ccapp_journal_pending gauge',
  'ccapp_journal_pending 3',
  '# TYPE ccapp_calls_refused_total counter',
  '',
  'odd_label{path="C:\\\\dir\\"x\\"\\nnext",} +Inf',
  'broken{operation="x" 1',
  'no_value{a="b"}',
  'ccapp_ari_events_total{type="StasisStart"} 4e1',
].join('\n');

test('given an exposition, when parsed, then samples keep their labels, escapes, special values, and malformed lines are skipped', (t) => {
  const e = parsePrometheus(exposition);
  t.deepEqual(e.samples.map((s) => s.name), [
    'ccapp_ari_requests_total', 'ccapp_ari_requests_total', 'ccapp_ari_requests_total', 'ccapp_journal_pending', 'odd_label', 'ccapp_ari_events_total',
  ]);
  t.deepEqual(e.samples[0]?.labels, { operation: 'channels.answer', status: '204' });
  t.is(e.samples[2]?.value, 5, 'the timestamp is not the value');
  t.deepEqual(e.samples[4], { name: 'odd_label', labels: { path: 'C:\\dir"x"\nnext' }, value: Infinity });
  t.is(e.samples[5]?.value, 40);
  t.is(sampleValue(e, 'ccapp_journal_pending'), 3);
  t.is(sampleValue(e, 'ccapp_ari_requests_total'), undefined, 'only an unlabelled sample is a plain value');
  t.true(e.families.has('ccapp_calls_refused_total'));
});

test('given two readings, when counters grow, then per call by the chosen label, other labels summed, new series from 0', (t) => {
  const before = parsePrometheus([
    'ccapp_ari_requests_total{operation="channels.answer",status="204"} 4',
    'ccapp_journal_transactions_total 100',
  ].join('\n'));
  const after = parsePrometheus([
    '# TYPE ccapp_ari_requests_total counter',
    'ccapp_ari_requests_total{operation="channels.answer",status="204"} 14',
    'ccapp_ari_requests_total{operation="channels.answer",status="404"} 2',
    'ccapp_ari_requests_total{operation="bridges.create",status="200"} 5',
    'ccapp_ari_requests_total{operation="channels.hangup",status="204"} 0',
    'ccapp_journal_transactions_total 130',
    '# TYPE ccapp_journal_statements_total counter',
  ].join('\n'));
  const [requests, transactions, statements, events] = counterGrowth(before, after, 10, [
    { name: 'ccapp_ari_requests_total', by: 'operation' },
    { name: 'ccapp_journal_transactions_total' },
    { name: 'ccapp_journal_statements_total' },
    { name: 'ccapp_ari_events_total', by: 'type' },
  ]);
  t.deepEqual(requests, {
    name: 'ccapp_ari_requests_total', by: 'operation', exported: true,
    rows: [{ key: 'channels.answer', total: 12, perCall: 1.2 }, { key: 'bridges.create', total: 5, perCall: 0.5 }],
  });
  t.deepEqual(transactions?.rows, [{ key: '', total: 30, perCall: 3 }]);
  t.deepEqual(statements, { name: 'ccapp_journal_statements_total', by: undefined, exported: true, rows: [{ key: '', total: 0, perCall: 0 }] },
    'declared without a sample: exported, and zero');
  t.deepEqual(events, { name: 'ccapp_ari_events_total', by: 'type', exported: false, rows: [] }, 'absent: not exported, not zero');
});

test('given no call, when counters are divided, then per call is not a number rather than infinite', (t) => {
  const e = parsePrometheus('c_total 1');
  t.true(Number.isNaN(counterGrowth(parsePrometheus(''), e, 0, [{ name: 'c_total' }])[0]?.rows[0]?.perCall));
});
