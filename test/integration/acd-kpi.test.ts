// The KPIs of a scripted run against SIPp's own clock. One agent (talks 5 s, then hangs up;
// wrap-up 10 s) and four callers walking to the utility's technical queue half a second apart:
// the first is answered at once, the second after the first talk and wrap-up (~15 s, within the
// 20 s service level), the third gives up after ~12 s in the queue, the fourth is answered after
// ~30 s. The KPI module reads the calls back from MariaDB; the expected figures are computed from
// the agent's phone log (SIPp's timestamps of each answer and hang-up) and the callers' outcomes.
import { setTimeout } from 'node:timers/promises';
import test from 'ava';
import { computeKpis } from '../../app/kpi/compute.js';
import { connectPhone, createAgent, setState } from '../support/agents.js';
import { walkIvr } from '../support/calls.js';

const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];
const TALK_MS = 5_000;
const SERVICE_LEVEL_MS = 20_000;

test('given a scripted run of four callers and one agent, when the KPIs are computed from MariaDB, then they equal the figures from SIPp\'s timestamps', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200, talkMs: TALK_MS }, 3);
  await setState('energie', agent, { action: 'login' });
  const holds = [40_000, 40_000, 20_000, 60_000];
  // Half a second apart, so that they enter the queue in this order (at the same instant, the
  // queue's order between them is a tie the test must not depend on).
  const runs = await Promise.all(holds.map(async (hold, i) => {
    await setTimeout(i * 500);
    return walkIvr('212520000001', toTechnicalQueue, hold, { localPort: 5121 + i, caller: `066600000${i + 1}` });
  }));
  for (const r of runs) t.is(r.sipp.code, 0, r.sipp.stdout.slice(-2000));

  // SIPp's view: each answer and hang-up at the agent's phone, matched to calls by their order.
  const answers = phone.lines().filter((l) => l.what === 'ANSWERED').map((l) => l.at.getTime());
  const hangups = phone.lines().filter((l) => l.what === 'BYE-SENT').map((l) => l.at.getTime());
  t.is(answers.length, 3, 'three calls answered at the phone');
  const entered = runs.map((r) => r.events.find((e) => e.type === 'queue.entered')?.at.getTime() ?? NaN);
  const answeredCalls = runs.map((r, i) => ({ i, answered: r.events.some((e) => e.type === 'agent.answered') })).filter((c) => c.answered)
    .map((c) => c.i).sort((a, b) => entered[a]! - entered[b]!);
  // The phone answers in queue order (longest waiting first): the n-th answer is the n-th answered caller.
  const waits = answers.map((at, n) => at - entered[answeredCalls[n]!]!);
  const talks = answers.map((at, n) => hangups[n]! - at);

  const timelines = runs.map((r) => ({ callId: r.call!.id, tenant: 'energie', line: 'technique', did: '212520000001', events: r.events.map((e, seq) => ({ ...e, seq })) }));
  const from = new Date(Math.min(...runs.map((r) => r.call!.started_at.getTime())) - 60_000);
  const [row] = computeKpis(timelines, { from, to: new Date(Date.now() + 60_000), bucket: 'day', timezone: 'Africa/Casablanca', serviceLevelSeconds: 20, groupBy: 'line' });
  t.truthy(row);
  t.is(row!.offered, 4);
  t.is(row!.answered, 3);
  t.is(row!.abandoned.inQueue + row!.abandoned.inQueueUnder5s, 1);
  t.is(row!.answeredWithinThreshold, waits.filter((w) => w <= SERVICE_LEVEL_MS).length, `waits by SIPp: ${waits.join(', ')} ms`);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  // The app stamps an answer when Asterisk reports it, a few ms after the phone's 200 OK.
  t.true(Math.abs(row!.averageWaitMs! - mean(waits)) < 250, `average wait ${row!.averageWaitMs} ms vs SIPp ${mean(waits)} ms`);
  t.true(Math.abs(row!.averageTalkMs! - mean(talks)) < 250, `average talk ${row!.averageTalkMs} ms vs SIPp ${mean(talks)} ms`);
  t.is(row!.maxWaitMs !== null && Math.abs(row!.maxWaitMs - Math.max(...waits)) < 250, true, `longest wait ${row!.maxWaitMs} ms vs SIPp ${Math.max(...waits)} ms`);
});
