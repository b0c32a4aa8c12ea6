// One measured step: agents' phones up, callers placed, CPU read over the whole step and over a
// chosen window of it, the server drained, then what every side saw. A step has zero failures
// when SIPp counts no failed call on either side and every call placed reached an agent.
import { readFileSync } from 'node:fs';
import { eventually } from '../support/eventually.js';
import type { AgentPhones } from './agents.js';
import { type CallerRun, callerGuardSeconds, runCallers } from './callers.js';
import { type CpuUse, cpuBetween, readCpu } from './cpu.js';
import type { AgentParams } from './scenarios.js';
import type { AgentCall, CallerCall } from './shortmsg.js';
import { runningSipp } from './sipp.js';
import { type Summary, inviteTo200Ms, summarize } from './stats.js';
import type { Target } from './target.js';

export interface StepContext {
  target: Target;
  dir: string;
  phones: AgentPhones;
  log: (line: string) => void;
}

export interface StepResult {
  tag: string;
  placed: number;
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
  inviteTo200: Summary;
  whole: CpuUse;
  window?: CpuUse;
  callers: CallerCall[];
  agents: AgentCall[];
  drained: boolean;
}

/** The measurement windows are timed on purpose (a benchmark samples CPU over a span). */
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether something listens on UDP ip:port (from /proc/net/udp). */
function udpBound(ip: string, port: number): boolean {
  const hex = ip.split('.').reverse().map((b) => Number(b).toString(16).padStart(2, '0')).join('').toUpperCase();
  const local = `${hex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8').split('\n').some((l) => l.trim().split(/\s+/)[1] === local);
}

/** Polls until the server has no channel left, for at most `seconds`. */
export function waitDrained(target: Target, seconds = 60): Promise<boolean> {
  return eventually(async () => (await target.activeChannels()) === 0, { attempts: seconds * 4, intervalMs: 250 }).then(() => true, () => false);
}

export interface StepPlan {
  agents: AgentParams;
  callers: Omit<CallerRun, 'during'>;
  /** Read the CPU (and the channels) over this window, in ms after the callers start. */
  windowMs?: { from: number; to: number };
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
  const begin = readCpu(server, runningSipp());
  let window: CpuUse | undefined, channelsInWindow: number | undefined;
  const during = async (): Promise<void> => {
    if (!plan.windowMs) return;
    await delay(plan.windowMs.from);
    const a = readCpu(server, runningSipp());
    await delay((plan.windowMs.to - plan.windowMs.from) / 2);
    channelsInWindow = await target.activeChannels();
    await delay((plan.windowMs.to - plan.windowMs.from) / 2);
    window = cpuBetween(a, readCpu(server, runningSipp()));
  };
  const run = await runCallers(target, ctx.dir, { ...plan.callers, during });
  const drained = await waitDrained(target);
  const whole = cpuBetween(begin, readCpu(server, runningSipp()));
  const agents = await phones.stop();
  const recordingsAfter = await target.recordings();
  target.discardRecordings?.();
  const answered = agents.calls.filter((c) => c.answeredAt !== undefined).length;
  const failed = run.counts.failed + agents.failed;
  const invites = run.calls.map((c) => c.inviteAt).sort((a, b) => a - b);
  const span = (invites[invites.length - 1] ?? 0) - (invites[0] ?? 0);
  const result: StepResult = {
    tag, placed: run.counts.created, successful: run.counts.successful, failed,
    failures: { ...run.counts.failures, ...Object.fromEntries(Object.entries(agents.failures).map(([k, v]) => [`agents ${k}`, v])) },
    answered,
    zeroFailures: failed === 0 && run.exitCode === 0 && run.counts.successful === plan.callers.calls && answered === plan.callers.calls && drained,
    achievedCps: invites.length > 1 && span > 0 ? (invites.length - 1) / span : 0,
    recordings: recordingsBefore !== undefined && recordingsAfter !== undefined ? recordingsAfter - recordingsBefore : undefined,
    channelsInWindow,
    inviteTo200: summarize(inviteTo200Ms(run.calls)),
    whole, window, callers: run.calls, agents: agents.calls, drained,
  };
  ctx.log(`${target.name} ${tag}: ${result.successful}/${plan.callers.calls} calls ok, ${failed} failed, ${answered} answered by agents`
    + `${result.zeroFailures ? '' : ` [FAILURES ${JSON.stringify(result.failures)}${drained ? '' : ', server not drained'}]`}, `
    + `INVITE->200 p50 ${fmt(result.inviteTo200.p50)} ms p99 ${fmt(result.inviteTo200.p99)} ms, `
    + `server CPU ${(window ?? whole).serverPercent.toFixed(1)} %${window ? ' (window)' : ''}, SIPp ${(window ?? whole).generatorPercent.toFixed(1)} %, others ${(window ?? whole).othersPercent.toFixed(1)} %`
    + `${channelsInWindow !== undefined ? `, ${channelsInWindow} channels` : ''}`);
  return result;
}

export const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? '-' : n.toFixed(digits));
