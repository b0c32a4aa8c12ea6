// One measured step: agents' phones up, callers placed, CPU read over the whole step and over a
// chosen window of it (with the channels by technology in the middle of it), the server drained
// and settled (ours: its call journal written) before the last CPU reading, then what every side
// saw, and how the app's counters grew when asked. A step has zero failures when SIPp counts no
// failed call on either side, no call was refused, and every call placed reached an agent.
import { readFileSync } from 'node:fs';
import { eventually } from '../support/eventually.js';
import type { AgentPhones } from './agents.js';
import { type CallerRun, callerGuardSeconds, runCallers } from './callers.js';
import { type CpuUse, cpuBetween, readCpu } from './cpu.js';
import type { AgentParams } from './scenarios.js';
import { type CounterGrowth, type CounterSpec, type Exposition, counterGrowth } from './prometheus.js';
import type { AgentCall, CallerCall } from './shortmsg.js';
import { runningSipp } from './sipp.js';
import { type CallAccounting, type Summary, accountCalls, inviteTo200Ms, summarize } from './stats.js';
import type { Settled, Target } from './target.js';

export interface StepContext {
  target: Target;
  dir: string;
  phones: AgentPhones;
  log: (line: string) => void;
}

export interface StepResult {
  tag: string;
  placed: number;
  /** Calls SIPp completed, less those refused (which end as a success for SIPp). */
  successful: number;
  /** Failed calls counted by SIPp, callers' and agents' phones together. */
  failed: number;
  failures: Record<string, number>;
  /** Calls an agent answered. */
  answered: number;
  zeroFailures: boolean;
  /** Calls placed per second, from the first INVITE to the last. */
  achievedCps: number;
  recordings?: number;
  channelsInWindow?: number;
  /** The same instant's channels by technology (PJSIP, Local, Snoop, Announcer, Recorder...). */
  channelsByTech?: Record<string, number>;
  /** The callers' calls from the trace: answered, refused (503/486), failed after answer or otherwise. */
  accounting: CallAccounting;
  inviteTo200: Summary;
  whole: CpuUse;
  window?: CpuUse;
  callers: CallerCall[];
  agents: AgentCall[];
  drained: boolean;
  /** From the end of the last call (the callers' SIPp done) to no channel left, if within the bound. */
  drainMs?: number;
  /** The wait for the server's deferred work before the last CPU reading, when it has any. */
  settled?: Settled;
  /** How the app's counters asked for grew over the step, per call ('unavailable': no reading). */
  counters?: CounterGrowth[] | 'unavailable';
}

/** The measurement windows are timed on purpose (a benchmark samples CPU over a span). */
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether something listens on UDP ip:port (from /proc/net/udp). */
function udpBound(ip: string, port: number): boolean {
  const hex = ip.split('.').reverse().map((b) => Number(b).toString(16).padStart(2, '0')).join('').toUpperCase();
  const local = `${hex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8').split('\n').some((l) => l.trim().split(/\s+/)[1] === local);
}

/** Polls until the server has no channel left, for at most `seconds`: how long it took, or undefined. */
export async function waitDrained(target: Target, seconds = 60): Promise<number | undefined> {
  const started = performance.now();
  return eventually(async () => (await target.activeChannels()) === 0, { attempts: seconds * 4, intervalMs: 250 })
    .then(() => performance.now() - started, () => undefined);
}

export interface StepPlan {
  agents: AgentParams;
  callers: Omit<CallerRun, 'during'>;
  /** Read the CPU (and the channels) over this window, in ms after the callers start. */
  windowMs?: { from: number; to: number };
  /** The app's counters to read before and after the step (targets with metrics only). */
  counters?: readonly CounterSpec[];
}

export async function runStep(ctx: StepContext, plan: StepPlan): Promise<StepResult> {
  const { target, phones } = ctx;
  const tag = plan.callers.tag;
  const recordingsBefore = await target.recordings();
  phones.start(plan.agents, tag, callerGuardSeconds(plan.callers) + 120);
  await eventually(() => Promise.resolve(phones.ready(udpBound)), { attempts: 40, intervalMs: 50 }).catch(() => undefined);
  if (!phones.ready(udpBound)) throw new Error(`the agents' phones did not start; see ${ctx.dir}/${tag}-agents-*.out`);
  const server = target.processes();
  if (!server.length) throw new Error(`${target.name}: no server process runs (appliance/bin/stop ends every process in the root file system, the peer's too)`);
  const countersBefore = plan.counters && target.metrics ? await target.metrics() : undefined;
  const begin = readCpu(server, runningSipp());
  let window: CpuUse | undefined, channelsByTech: Record<string, number> | undefined;
  const during = async (): Promise<void> => {
    if (!plan.windowMs) return;
    await delay(plan.windowMs.from);
    const a = readCpu(server, runningSipp());
    await delay((plan.windowMs.to - plan.windowMs.from) / 2);
    channelsByTech = await target.channelsByTechnology();
    await delay((plan.windowMs.to - plan.windowMs.from) / 2);
    window = cpuBetween(a, readCpu(server, runningSipp()));
  };
  const run = await runCallers(target, ctx.dir, { ...plan.callers, during });
  const drainMs = await waitDrained(target);
  const drained = drainMs !== undefined;
  const settled = await target.settle?.();
  const whole = cpuBetween(begin, readCpu(server, runningSipp()));
  // SIPp ends a refused call as a success: the bench's calls ok are those answered and completed.
  const accounting = accountCalls(run.calls, run.counts.created);
  const successful = Math.max(0, run.counts.successful - accounting.refused);
  const counters = plan.counters && target.metrics ? growth(countersBefore, await target.metrics(), successful, plan.counters) : undefined;
  const agents = await phones.stop();
  const recordingsAfter = await target.recordings();
  target.discardRecordings?.();
  const answered = agents.calls.filter((c) => c.answeredAt !== undefined).length;
  const failed = run.counts.failed + agents.failed;
  const invites = run.calls.map((c) => c.inviteAt).sort((a, b) => a - b);
  const span = (invites[invites.length - 1] ?? 0) - (invites[0] ?? 0);
  const result: StepResult = {
    tag, placed: run.counts.created, successful, failed,
    failures: {
      ...run.counts.failures, ...(accounting.refused ? { refused: accounting.refused } : {}),
      ...Object.fromEntries(Object.entries(agents.failures).map(([k, v]) => [`agents ${k}`, v])),
    },
    answered,
    zeroFailures: failed === 0 && accounting.refused === 0 && run.exitCode === 0 && run.counts.successful === plan.callers.calls && answered === plan.callers.calls && drained,
    achievedCps: invites.length > 1 && span > 0 ? (invites.length - 1) / span : 0,
    recordings: recordingsBefore !== undefined && recordingsAfter !== undefined ? recordingsAfter - recordingsBefore : undefined,
    channelsInWindow: channelsByTech && Object.values(channelsByTech).reduce((a, b) => a + b, 0),
    channelsByTech, accounting,
    inviteTo200: summarize(inviteTo200Ms(run.calls)),
    whole, window, callers: run.calls, agents: agents.calls, drained, drainMs, settled, counters,
  };
  ctx.log(`${target.name} ${tag}: ${result.successful}/${plan.callers.calls} calls ok, ${failed} failed, ${answered} answered by agents`
    + `${result.zeroFailures ? '' : ` [FAILURES ${JSON.stringify(result.failures)}${drained ? '' : ', server not drained'}]`}, `
    + `INVITE->200 p50 ${fmt(result.inviteTo200.p50)} ms p99 ${fmt(result.inviteTo200.p99)} ms, `
    + `server CPU ${(window ?? whole).serverPercent.toFixed(1)} %${window ? ' (window)' : ''}, SIPp ${(window ?? whole).generatorPercent.toFixed(1)} %, others ${(window ?? whole).othersPercent.toFixed(1)} %`
    + `${channelsByTech ? `, channels ${byTechnology(channelsByTech)}` : ''}`
    + `${settled ? `, ${settled.what}: ${settled.done === undefined ? 'not exported' : settled.done ? 'yes' : 'NO'} after ${(settled.waitedMs / 1000).toFixed(1)} s` : ''}`);
  return result;
}

function growth(before: Exposition | undefined, after: Exposition | undefined, calls: number, specs: readonly CounterSpec[]): CounterGrowth[] | 'unavailable' {
  return before && after ? counterGrowth(before, after, calls, specs) : 'unavailable';
}

/** "PJSIP 200, Local 100, Snoop 100": channels by technology, most first. */
export function byTechnology(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([tech, n]) => `${tech} ${n}`).join(', ') : 'none';
}

export const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? '-' : n.toFixed(digits));
