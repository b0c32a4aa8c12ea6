// The bench's reading of SIPp's traces and its figures, on traces written out by hand.
import test from 'ava';
import { countByTechnology } from './asterisk-cli.js';
import { type CpuUse, cpuPerCallMs } from './cpu.js';
import { agentsAnswering } from './phases.js';
import { agentCalls, callerCalls, parseShortMessages } from './shortmsg.js';
import type { StepResult } from './step.js';
import { accountCalls, agentFreeToRingMs, inviteTo200Ms, percentile, summarize } from './stats.js';

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

test('given `core show channels concise`, when counted, then channels are by technology, whatever their names hold', (t) => {
  const concise = [
    'PJSIP/trunk-0000002a!from-trunk!33999000002!1!Up!Stasis!ccapp,inbound!0612345678!!!3!12!b1!1712000000.42!1712000000.42',
    'PJSIP/770001-0000002b!!!1!Up!AppDial!(Outgoing Line)!770001!!!3!11!b1!1712000000.43!1712000000.42',
    'Snoop/1712000000.42-00000003!default!s!1!Up!Stasis!ccapp!!!!3!11!b2!1712000000.44!1712000000.44',
    'Recorder/ARI_Recorder-00000001;2!!!1!Up!(None)!!!!!3!11!b2!1712000000.45!1712000000.45',
    'Announcer/ARI_MOH-00000002;1!!!1!Up!(None)!!!!!3!11!b1!1712000000.46!1712000000.46',
    'Local/s@ivr-menu-00000004;1!ivr-menu!s!1!Up!Queue!bench!!!!3!5!!1712000000.47!1712000000.47',
    'Local/s@ivr-menu-00000004;2!ivr-menu!s!1!Up!Playback!x!!!!3!5!!1712000000.48!1712000000.47',
    '',
    'not a channel line',
  ].join('\n');
  t.deepEqual(countByTechnology(concise), { PJSIP: 2, Snoop: 1, Recorder: 1, Announcer: 1, Local: 2 });
  t.deepEqual(countByTechnology(''), {});
});

test('given an overload step\'s caller trace, when accounted, then answered, refused (503/486), broken after answer and other failures apart', (t) => {
  const invite = (callId: string): string => line(1, 'S', callId, '1 INVITE', 'INVITE sip:339@127.0.0.1:5060 SIP/2.0');
  const reply = (callId: string, status: string, at = 1.01): string => line(at, 'R', callId, '1 INVITE', `SIP/2.0 ${status}`);
  const bye = (callId: string, by: 'caller' | 'server', answered: boolean): string[] => [
    line(2, by === 'caller' ? 'S' : 'R', callId, '3 BYE', 'BYE sip:127.0.0.1:5060 SIP/2.0'),
    ...(answered ? [line(2.01, by === 'caller' ? 'R' : 'S', callId, '3 BYE', 'SIP/2.0 200 OK')] : []),
  ];
  const text = [
    // answered, the caller's BYE answered: complete
    invite('ok'), reply('ok', '100 Trying'), reply('ok', '200 OK', 1.02), ...bye('ok', 'caller', true),
    // refused cleanly (the 503 retransmitted), and busy
    invite('r1'), reply('r1', '503 Service Unavailable'), reply('r1', '503 Service Unavailable', 1.5),
    invite('r2'), reply('r2', '486 Busy Here'),
    // answered, then the server hung up; answered, the caller's BYE never answered
    invite('cut'), reply('cut', '200 OK'), ...bye('cut', 'server', true),
    invite('lost'), reply('lost', '200 OK'), ...bye('lost', 'caller', false),
    // refused otherwise, and never answered at all
    invite('nf'), reply('nf', '480 Temporarily Unavailable'),
    invite('mute'), reply('mute', '100 Trying'),
  ].join('\n');
  const calls = callerCalls(parseShortMessages(text));
  t.like(calls[0], { finalCode: 200, endedBy: 'caller' });
  t.like(calls[3], { finalCode: 200, endedBy: 'server' });
  // SIPp placed 9 calls and 7 are in the trace: the 2 untraced are failures too.
  t.deepEqual(accountCalls(calls, 9), {
    placed: 9, answered: 3, refused: 2, failedAfterAnswer: 2, failedOther: 4,
    codes: { 503: 1, 486: 1, 480: 1, none: 1 },
  });
});

test('given a step\'s CPU and the idle baseline, when per call, then the idle rate over the step\'s length is subtracted, MariaDB left out on demand', (t) => {
  const use = (wallSeconds: number, byName: Record<string, number>): CpuUse => {
    const serverSeconds = Object.values(byName).reduce((a, b) => a + b, 0);
    return { wallSeconds, byName, serverSeconds, serverPercent: 0, generatorSeconds: 0, generatorPercent: 0, machineBusyPercent: 0, othersPercent: 0 };
  };
  const idle = use(5, { asterisk: 0.05, app: 0.1, mariadb: 0.05 });
  const step = use(20, { asterisk: 2, app: 3, mariadb: 1 });
  // 6 s - 20 s x 0.04 s/s = 5.2 s for 100 calls; without MariaDB: 5 s - 20 s x 0.03 s/s = 4.4 s.
  t.is(Math.round(cpuPerCallMs(step, idle, 100) * 10) / 10, 52);
  t.is(Math.round(cpuPerCallMs(step, idle, 100, ['mariadb']) * 10) / 10, 44);
  t.is(cpuPerCallMs(step, undefined, 100), 60);
  t.true(Number.isNaN(cpuPerCallMs(step, idle, 0)));
});

test('given the steps after an overload, when agents are counted, then each agent that answered counts once', (t) => {
  const call = (agent: string, answered: boolean) => ({ callId: `${agent}${String(answered)}`, agent, inviteAt: 1, answeredAt: answered ? 1.2 : undefined, cancelled: !answered });
  const steps = [{ agents: [call('a', true), call('b', true)] }, { agents: [call('a', true), call('c', false)] }] as unknown as StepResult[];
  t.is(agentsAnswering(steps), 2);
});
