// The bench's reading of SIPp's traces and its figures, on traces written out by hand.
import test from 'ava';
import { agentCalls, callerCalls, parseShortMessages } from './shortmsg.js';
import { agentFreeToRingMs, inviteTo200Ms, percentile, summarize } from './stats.js';

const line = (t: number, dir: 'S' | 'R', callId: string, cseq: string, first: string): string =>
  ['2026-11-22', '10:00:00.000000', t.toFixed(6), dir, callId, `CSeq:${cseq}`, first].join('\t');

test('given a caller trace, when read, then INVITE -> 200 and the last key acknowledgement are per call, retransmissions ignored', (t) => {
  const text = [
    line(100.000, 'S', 'c1', '1 INVITE', 'INVITE sip:339@127.0.0.1:5070 SIP/2.0'),
    line(100.001, 'R', 'c1', '1 INVITE', 'SIP/2.0 100 Trying'),
    line(100.5, 'S', 'c1', '1 INVITE', 'INVITE sip:339@127.0.0.1:5070 SIP/2.0'),
    line(100.502, 'R', 'c1', '1 INVITE', 'SIP/2.0 200 OK'),
    line(100.503, 'R', 'c1', '1 INVITE', 'SIP/2.0 200 OK'),
    line(101.0, 'S', 'c1', '2 INFO', 'INFO sip:127.0.0.1:5070 SIP/2.0'),
    line(101.004, 'R', 'c1', '2 INFO', 'SIP/2.0 200 OK'),
    line(101.4, 'S', 'c1', '3 INFO', 'INFO sip:127.0.0.1:5070 SIP/2.0'),
    line(101.405, 'R', 'c1', '3 INFO', 'SIP/2.0 200 OK'),
    line(101.406, 'R', 'c1', '3 INFO', 'SIP/2.0 200 OK'),
    line(101.1, 'S', 'c2', '1 INVITE', 'INVITE sip:339@127.0.0.1:5070 SIP/2.0'),
    'not a trace line',
  ].join('\n');
  const calls = callerCalls(parseShortMessages(text));
  t.is(calls.length, 2);
  t.deepEqual(inviteTo200Ms(calls).map((ms) => Math.round(ms)), [502]);
  t.is(calls[0]?.queuedAt, 101.405, 'the acknowledgement of the last key');
  t.is(calls[1]?.okAt, undefined);
});

test('given an agent phone trace, when read, then each call has its agent, ring, answer and end', (t) => {
  const text = [
    line(10, 'R', 'a1', '1 INVITE', 'INVITE sip:agent007@127.0.1.1:5090 SIP/2.0'),
    line(10.2, 'S', 'a1', '1 INVITE', 'SIP/2.0 200 OK'),
    line(12, 'S', 'a1', '1 BYE', 'BYE sip:asterisk@127.0.0.1:5070 SIP/2.0'),
    line(12.001, 'R', 'a1', '1 BYE', 'SIP/2.0 200 OK'),
    line(13, 'R', 'a2', '1 INVITE', 'INVITE sip:agent008@127.0.1.1:5090 SIP/2.0'),
    line(13.1, 'R', 'a2', '2 CANCEL', 'CANCEL sip:agent008@127.0.1.1:5090 SIP/2.0'),
  ].join('\n');
  const [a1, a2] = agentCalls(parseShortMessages(text));
  t.like(a1, { agent: 'agent007', inviteAt: 10, answeredAt: 10.2, freeAt: 12.001, cancelled: false });
  t.like(a2, { agent: 'agent008', answeredAt: undefined, cancelled: true });
});

test('given samples, when summarized, then percentiles are by nearest rank', (t) => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  t.is(percentile(samples, 50), 50);
  t.is(percentile(samples, 99), 99);
  t.is(percentile([], 50), undefined);
  t.deepEqual(summarize([3, 1, 2]), { count: 3, p50: 2, p99: 3, max: 3 });
});

test('given agents freed while callers wait, when measured, then only the gaps with a caller waiting count', (t) => {
  const agent = (callId: string, name: string, inviteAt: number, freeAt: number) => ({ callId, agent: name, inviteAt, answeredAt: inviteAt + 0.2, freeAt, cancelled: false });
  const caller = (queuedAt: number) => ({ callId: `q${queuedAt}`, inviteAt: queuedAt - 1, okAt: queuedAt - 0.99, queuedAt });
  // Three callers queue at 0, 0 and 1; one agent takes them one after the other; a fourth
  // caller comes long after the agent is free.
  const agents = [agent('1', 'a', 0.01, 2), agent('2', 'a', 2.03, 4), agent('3', 'a', 4.8, 6), agent('4', 'a', 20.01, 22)];
  const callers = [caller(0), caller(0), caller(1), caller(20)];
  // free at 2 with two callers waiting -> 30 ms; free at 4 with one waiting -> 800 ms; free at
  // 6 with nobody waiting (the next caller queues at 20) -> not a decision, left out.
  t.deepEqual(agentFreeToRingMs(agents, callers).map((ms) => Math.round(ms)), [30, 800]);
});

test('given two agents freed together and one caller waiting, when measured, then neither gap counts: one caller cannot keep both busy', (t) => {
  const calls = [
    { callId: '1', agent: 'a', inviteAt: 0.01, answeredAt: 0.2, freeAt: 2, cancelled: false },
    { callId: '2', agent: 'b', inviteAt: 0.02, answeredAt: 0.2, freeAt: 2, cancelled: false },
    { callId: '3', agent: 'a', inviteAt: 2.01, answeredAt: 2.2, freeAt: 4, cancelled: false },
    { callId: '4', agent: 'b', inviteAt: 9, answeredAt: 9.2, freeAt: 11, cancelled: false },
  ];
  const callers = [0, 0, 1, 8.9].map((q) => ({ callId: `q${q}`, inviteAt: q, queuedAt: q }));
  t.deepEqual(agentFreeToRingMs(calls, callers), []);
});
