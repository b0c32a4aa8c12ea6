// The measurements, each a series of steps (step.ts) against one target, after its idle baseline:
// - idle: the server's CPU with no call, subtracted from the CPU per call;
// - acd: few agents, many callers, agents hang up: agent free -> agent's phone rings;
// - latency: a steady moderate rate: INVITE -> 200, CPU per call, the app's counters per call;
// - rate: call rates in steps, short calls: the highest rate with zero failures;
// - overload: one step at twice (or more) that rate: what was answered, refused, broken, and
//   whether the server is back to no channel and its agents to taking calls;
// - concurrency: simultaneous connected, recorded calls in steps: the most with zero failures
//   while the server stays under the CPU limit.
import { type CpuUse, cpuBetween, cpuPerCallMs, readCpu } from './cpu.js';
import type { BenchOptions } from './options.js';
import { LATENCY_COUNTERS, OVERLOAD_COUNTERS } from './prometheus.js';
import type { CallerParams } from './scenarios.js';
import { runningSipp } from './sipp.js';
import { type StepContext, type StepResult, runStep, waitDrained } from './step.js';
import { type Summary, agentFreeToRingMs, summarize } from './stats.js';

export interface Ramp {
  /** The best level (calls at once, or calls per second) with zero failures, if any. */
  best?: number;
  steps: (StepResult & { level: number })[];
  stoppedBy: string;
}

export interface PhaseContext extends StepContext {
  opts: BenchOptions;
  alawFile: string | undefined;
  /** Registers the first n agents (the others are unregistered). */
  register(n: number): Promise<void>;
}

const callerParams = (ctx: PhaseContext, holdMs: number, waitForBye = false): CallerParams => ({
  keys: ctx.target.keys, keyDelayMs: ctx.opts.keyDelayMs, holdMs, waitForBye, alawFile: ctx.alawFile,
});
const agentParams = (ctx: PhaseContext, agentTalkMs = 0): { ringMs: number; agentTalkMs: number; alawFile: string | undefined } => ({
  ringMs: ctx.opts.ringMs, agentTalkMs, alawFile: ctx.alawFile,
});
/** The idle baseline is read over a span, on purpose (a benchmark samples CPU over time). */
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const machineFull = (ctx: PhaseContext, s: StepResult): boolean =>
  ctx.opts.machineLimit > 0 && (s.window ?? s.whole).machineBusyPercent > ctx.opts.machineLimit;

export async function acdPhase(ctx: PhaseContext): Promise<{ step: StepResult; freeToRing: Summary }> {
  const o = ctx.opts.acd;
  await ctx.register(o.agents);
  const step = await runStep(ctx, {
    agents: agentParams(ctx, o.talkMs),
    callers: { tag: 'acd', rate: o.cps, calls: o.calls, params: callerParams(ctx, o.giveUpMs, true) },
  });
  const freeToRing = summarize(agentFreeToRingMs(step.agents, step.callers));
  ctx.log(`${ctx.target.name} acd: agent free -> rings over ${freeToRing.count} samples: p50 ${freeToRing.p50?.toFixed(1)} ms, p99 ${freeToRing.p99?.toFixed(1)} ms`);
  return { step, freeToRing };
}

/** The processes left out of the "without MariaDB" CPU figures. */
export const DATABASE_PROCESSES: readonly string[] = ['mariadb'];

/**
 * The server's CPU with no call, every agent registered, over `idleSeconds`: once no channel is
 * left and the server has settled (ours: its journal written), before the target's first step.
 */
export async function idlePhase(ctx: PhaseContext): Promise<CpuUse> {
  await ctx.register(ctx.opts.agents);
  if (await waitDrained(ctx.target) === undefined) throw new Error(`${ctx.target.name}: channels are up before the first step; is something else calling it?`);
  await ctx.target.settle?.();
  const server = ctx.target.processes();
  const begin = readCpu(server, runningSipp());
  await delay(ctx.opts.idleSeconds * 1000);
  const idle = cpuBetween(begin, readCpu(server, runningSipp()));
  ctx.log(`${ctx.target.name} idle: server CPU ${idle.serverPercent.toFixed(2)} % over ${idle.wallSeconds.toFixed(1)} s (${JSON.stringify(idle.byName)}), others ${idle.othersPercent.toFixed(1)} %`);
  return idle;
}

export interface Latency {
  step: StepResult;
  /** Server CPU ms per call, the idle baseline subtracted, with and without MariaDB. */
  cpuPerCallMs: number;
  cpuPerCallWithoutDbMs: number;
  /** The same without subtracting the idle baseline. */
  rawCpuPerCallMs: number;
}

export async function latencyPhase(ctx: PhaseContext, idle: CpuUse | undefined): Promise<Latency> {
  const o = ctx.opts.latency;
  await ctx.register(ctx.opts.agents);
  const step = await runStep(ctx, {
    agents: agentParams(ctx),
    callers: { tag: 'latency', rate: o.cps, calls: o.calls, params: callerParams(ctx, o.talkMs) },
    counters: LATENCY_COUNTERS,
  });
  const calls = step.successful;
  const latency: Latency = {
    step,
    cpuPerCallMs: cpuPerCallMs(step.whole, idle, calls),
    cpuPerCallWithoutDbMs: cpuPerCallMs(step.whole, idle, calls, DATABASE_PROCESSES),
    rawCpuPerCallMs: cpuPerCallMs(step.whole, undefined, calls),
  };
  ctx.log(`${ctx.target.name} latency: CPU per call ${latency.cpuPerCallMs.toFixed(1)} ms idle subtracted, ${latency.cpuPerCallWithoutDbMs.toFixed(1)} ms `
    + `without MariaDB, ${latency.rawCpuPerCallMs.toFixed(1)} ms as measured (${JSON.stringify(step.whole.byName)})`);
  return latency;
}

interface Measured { step: StepResult; ok: boolean; stop?: string }

/**
 * Steps through `levels` until one does not pass or says stop, then tries up to `refine` levels
 * between the best that passed and the first that did not (halving the gap each time).
 */
async function rampUp(levels: readonly number[], tooBig: (level: number) => string | undefined,
  measure: (level: number) => Promise<Measured>, refine: number): Promise<Ramp> {
  const ramp: Ramp = { steps: [], stoppedBy: 'every level passed' };
  let failedAt: number | undefined;
  for (const level of levels) {
    const why = tooBig(level);
    if (why) { ramp.stoppedBy = why; break; }
    const m = await measure(level);
    ramp.steps.push({ ...m.step, level });
    if (m.ok) ramp.best = level;
    if (!m.ok || m.stop) {
      ramp.stoppedBy = m.stop ?? 'stopped';
      if (!m.ok) failedAt = level;
      break;
    }
  }
  let lo = ramp.best ?? 0, hi = failedAt;
  for (let i = 0; hi !== undefined && i < refine; i++) {
    const mid = hi - lo > 10 ? Math.round((lo + hi) / 10) * 5 : Math.round((lo + hi) / 2);
    if (mid <= lo || mid >= hi) break;
    const m = await measure(mid);
    ramp.steps.push({ ...m.step, level: mid });
    if (m.ok) { lo = mid; ramp.best = mid; } else hi = mid;
  }
  ramp.steps.sort((a, b) => a.level - b.level);
  return ramp;
}

export async function ratePhase(ctx: PhaseContext): Promise<Ramp> {
  const o = ctx.opts.rate;
  await ctx.register(ctx.opts.agents);
  // Each call holds an agent for about key delay + ring + hold.
  const holdSeconds = (ctx.opts.keyDelayMs + ctx.opts.ringMs + o.holdMs) / 1000 + 1;
  return rampUp(o.steps,
    (rate) => (rate * holdSeconds > ctx.opts.agents ? `${rate} calls/s needs about ${Math.ceil(rate * holdSeconds)} agents, more than --agents ${ctx.opts.agents}` : undefined),
    async (rate) => {
      const calls = Math.max(2, Math.round(rate * o.seconds));
      const step = await runStep(ctx, {
        agents: agentParams(ctx),
        callers: { tag: `rate-${rate}`, rate, calls, params: callerParams(ctx, o.holdMs) },
        windowMs: { from: 1000, to: (calls / rate) * 1000 },
      });
      if (!step.zeroFailures) return { step, ok: false, stop: `failures at ${rate} calls/s` };
      if (step.achievedCps < 0.9 * rate) return { step, ok: false, stop: `only ${step.achievedCps.toFixed(1)} calls placed per second at ${rate} calls/s` };
      return { step, ok: true, stop: machineFull(ctx, step) ? `machine over ${ctx.opts.machineLimit} % busy at ${rate} calls/s` : undefined };
    }, ctx.opts.refine);
}

export interface Overload {
  /** The calls per second asked for, and what it is twice (or more) of. */
  cps: number;
  basis: string;
  step: StepResult;
  /** Whether the server had no channel left within 10 s of the end of the last call. */
  channelsGoneWithin10s: boolean;
}

/**
 * After the rate steps: `factor` x the best zero-failure rate (or --overload-cps) for `seconds`,
 * calls as in the rate steps, with the same agents as the other steps (callers beyond them wait
 * in the queue, or are refused). When there is no rate to use, why, instead.
 */
export async function overloadPhase(ctx: PhaseContext, rate: Ramp | undefined): Promise<Overload | string> {
  const o = ctx.opts.overload;
  const basis = o.cps !== undefined ? '--overload-cps'
    : rate?.best !== undefined ? `${o.factor} x ${rate.best} calls/s, the best zero-failure rate` : undefined;
  const cps = o.cps ?? (rate?.best !== undefined ? o.factor * rate.best : undefined);
  if (cps === undefined || basis === undefined) return 'not run: no zero-failure rate to double (run the rate phase, or give --overload-cps)';
  await ctx.register(ctx.opts.agents);
  const calls = Math.max(2, Math.round(cps * o.seconds));
  const step = await runStep(ctx, {
    agents: agentParams(ctx),
    callers: { tag: `overload-${cps}`, rate: cps, calls, params: callerParams(ctx, ctx.opts.rate.holdMs) },
    windowMs: { from: 1000, to: (calls / cps) * 1000 },
    counters: OVERLOAD_COUNTERS,
  });
  const a = step.accounting;
  const overload = { cps, basis, step, channelsGoneWithin10s: step.drainMs !== undefined && step.drainMs <= 10_000 };
  ctx.log(`${ctx.target.name} overload ${cps} calls/s: ${a.placed} placed, ${a.answered} answered, ${a.refused} refused, `
    + `${a.failedAfterAnswer} failed after answer, ${a.failedOther} failed otherwise ${JSON.stringify(a.codes)}; `
    + `channels gone ${step.drainMs === undefined ? 'NOT within 60 s' : `after ${(step.drainMs / 1000).toFixed(1)} s`}`);
  return overload;
}

/** Distinct agents whose phone answered a call in these steps. */
export function agentsAnswering(steps: readonly StepResult[]): number {
  return new Set(steps.flatMap((s) => s.agents.filter((a) => a.answeredAt !== undefined).map((a) => a.agent))).size;
}

export async function concurrencyPhase(ctx: PhaseContext): Promise<Ramp> {
  const o = ctx.opts.concurrency;
  await ctx.register(ctx.opts.agents);
  return rampUp(o.levels,
    (level) => (level > ctx.opts.agents ? `${level} calls need more than --agents ${ctx.opts.agents}` : undefined),
    async (level) => {
      const rampSeconds = level / o.rampCps;
      // Every call is connected from about rampSeconds + 1.5 s on; after the window they hang up
      // in turn, twice as fast as they came.
      const from = (rampSeconds + 1.5) * 1000, to = from + o.plateauSeconds * 1000;
      const hangUp = { afterMs: to + 500, spacingMs: 500 / o.rampCps };
      const step = await runStep(ctx, {
        agents: agentParams(ctx),
        callers: { tag: `concurrency-${level}`, rate: o.rampCps, calls: level, limit: level, params: callerParams(ctx, to + level * hangUp.spacingMs), hangUp },
        windowMs: { from, to },
      });
      const cpu = step.window ?? step.whole;
      if (!step.zeroFailures) return { step, ok: false, stop: `failures at ${level} calls` };
      if (cpu.serverPercent > ctx.opts.cpuLimit) return { step, ok: false, stop: `server CPU ${cpu.serverPercent.toFixed(0)} % > ${ctx.opts.cpuLimit} % at ${level} calls` };
      return { step, ok: true, stop: machineFull(ctx, step) ? `machine ${cpu.machineBusyPercent.toFixed(0)} % busy at ${level} calls` : undefined };
    }, ctx.opts.refine);
}
