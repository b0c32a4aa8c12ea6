// The four measurements, each a series of steps (step.ts) against one target:
// - acd: few agents, many callers, agents hang up: agent free -> agent's phone rings;
// - latency: a steady moderate rate: INVITE -> 200, and CPU per call;
// - rate: call rates in steps, short calls: the highest rate with zero failures;
// - concurrency: simultaneous connected, recorded calls in steps: the most with zero failures
//   while the server stays under the CPU limit.
import type { BenchOptions } from './options.js';
import type { CallerParams } from './scenarios.js';
import { type StepContext, type StepResult, runStep } from './step.js';
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

export async function latencyPhase(ctx: PhaseContext): Promise<{ step: StepResult; cpuPerCallMs: number }> {
  const o = ctx.opts.latency;
  await ctx.register(ctx.opts.agents);
  const step = await runStep(ctx, {
    agents: agentParams(ctx),
    callers: { tag: 'latency', rate: o.cps, calls: o.calls, params: callerParams(ctx, o.talkMs) },
  });
  const cpuPerCallMs = step.successful ? (1000 * step.whole.serverSeconds) / step.successful : NaN;
  ctx.log(`${ctx.target.name} latency: CPU per call ${cpuPerCallMs.toFixed(1)} ms (${JSON.stringify(step.whole.byName)})`);
  return { step, cpuPerCallMs };
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
