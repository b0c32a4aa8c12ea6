// The bench's report: the headline figures per target with the ratios ours/peer and the design's
// targets, then every step, as markdown ready for docs/benchmarks.md.
import { CORES, type CpuUse } from './cpu.js';
import type { BenchOptions } from './options.js';
import { type Latency, type Overload, type Ramp, agentsAnswering } from './phases.js';
import type { CounterGrowth } from './prometheus.js';
import type { StepResult } from './step.js';
import { byTechnology, fmt } from './step.js';
import { REFUSAL_CODES, type Summary } from './stats.js';

export interface TargetResult {
  name: string;
  description: string;
  error?: string;
  idle?: CpuUse;
  acd?: { step: StepResult; freeToRing: Summary };
  latency?: Latency;
  rate?: Ramp;
  /** The overload step, or why it did not run. */
  overload?: Overload | string;
  concurrency?: Ramp;
}

export interface RunInfo {
  command: string;
  date: string;
  machine: string;
  versions: string;
  opts: BenchOptions;
}

const ratio = (ours: number | undefined, peer: number | undefined): string =>
  ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0 ? '-' : (ours / peer).toFixed(2);

/** The highest rate that passed with INVITE -> 200 p99 under 50 ms (from the steps already run). */
function fastRate(ramp: Ramp | undefined): number | undefined {
  const fast = ramp?.steps.filter((s) => s.zeroFailures && (s.inviteTo200.p99 ?? Infinity) < 50).map((s) => s.level) ?? [];
  return fast.length ? Math.max(...fast) : undefined;
}

const pair = (s: Summary | undefined): string => (s?.count ? `${fmt(s.p50)} / ${fmt(s.p99)}` : '-');

interface Row { label: string; target: string; get: (r: TargetResult) => number | undefined; show?: (r: TargetResult) => string; ratioOf?: (r: TargetResult) => number | undefined }

function rows(opts: BenchOptions): Row[] {
  return [
    {
      label: `most concurrent recorded calls, zero failures, server CPU <= ${opts.cpuLimit} %`, target: '>= 0.95 x peer',
      get: (r) => r.concurrency?.best,
    },
    { label: 'call rate with zero failures (calls/s)', target: '>= 0.8 x peer', get: (r) => r.rate?.best },
    { label: 'call rate with zero failures and INVITE -> 200 p99 < 50 ms (calls/s)', target: '', get: (r) => fastRate(r.rate) },
    {
      label: `INVITE -> 200 p50 / p99 (ms), ${opts.latency.cps} calls/s`, target: 'p99 < 50 ms',
      get: (r) => r.latency?.step.inviteTo200.p99, show: (r) => pair(r.latency?.step.inviteTo200),
    },
    {
      label: 'agent free -> agent rings p50 / p99 (ms)', target: 'p99 < 20 ms',
      get: (r) => r.acd?.freeToRing.p99, show: (r) => pair(r.acd?.freeToRing),
    },
    {
      label: `server CPU per call (ms), ${opts.latency.cps} calls/s, idle baseline subtracted`, target: '',
      get: (r) => r.latency?.cpuPerCallMs, show: (r) => fmt(r.latency?.cpuPerCallMs),
    },
    {
      label: `server CPU per call (ms), ${opts.latency.cps} calls/s, idle baseline subtracted, without MariaDB`, target: '',
      get: (r) => r.latency?.cpuPerCallWithoutDbMs, show: (r) => fmt(r.latency?.cpuPerCallWithoutDbMs),
    },
  ];
}

/** SIPp's CPU share, marked when it used nearly all the CPUs it is pinned to (it may have held the load back). */
function sippShare(cpu: CpuUse, opts: BenchOptions): string {
  const full = opts.sippCpus.length > 0 && cpu.generatorPercent > 0.9 * (100 * opts.sippCpus.length) / CORES;
  return `${cpu.generatorPercent.toFixed(1)}${full ? ' (its CPU full)' : ''}`;
}

function headline(results: readonly TargetResult[], opts: BenchOptions): string[] {
  const ours = results.find((r) => r.name === 'ours'), peer = results.find((r) => r.name === 'peer');
  const shown = results.map((r) => r.name);
  const lines = [`| figure | ${shown.join(' | ')} | ours/peer | target |`, `|---|${shown.map(() => '---:').join('|')}|---:|---|`];
  for (const row of rows(opts)) {
    const cells = results.map((r) => (row.show ? row.show(r) : (row.get(r)?.toString() ?? '-')));
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${ratio(ours && row.get(ours), peer && row.get(peer))} | ${row.target} |`);
  }
  return lines;
}

const cpuByProcess = (u: CpuUse, digits = 1): string => Object.entries(u.byName).map(([k, v]) => `${k} ${v.toFixed(digits)} s`).join(', ');

function stepTable(title: string, ramp: Ramp | undefined, unit: string, opts: BenchOptions): string[] {
  if (!ramp) return [];
  const lines = [`${title} (stopped: ${ramp.stoppedBy})`, '',
    `| ${unit} | placed/s | ok | failed | answered | recordings | channels | channels by technology | INVITE->200 p50/p99 ms | server CPU % | SIPp CPU % | others CPU % | CPU by process |`,
    '|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|'];
  for (const s of ramp.steps) {
    const cpu = s.window ?? s.whole;
    lines.push(`| ${s.level} | ${s.achievedCps.toFixed(1)} | ${s.successful} | ${s.failed}${s.zeroFailures ? '' : ' (!)'} | ${s.answered} | ${s.recordings ?? '-'} `
      + `| ${s.channelsInWindow ?? '-'} | ${s.channelsByTech ? byTechnology(s.channelsByTech) : '-'} | ${pair(s.inviteTo200)} | ${cpu.serverPercent.toFixed(1)} `
      + `| ${sippShare(cpu, opts)} | ${cpu.othersPercent.toFixed(1)} | ${cpuByProcess(s.whole)} |`);
  }
  return [...lines, ''];
}

function settledText(s: StepResult): string {
  if (!s.settled) return '';
  const state = s.settled.done === undefined ? 'not exported by the app, not waited for' : s.settled.done ? 'yes' : 'NOT within the bound';
  return ` Before the last CPU reading, ${s.settled.what}: ${state} (${(s.settled.waitedMs / 1000).toFixed(1)} s).`;
}

/** The app's counters per call over a step: one row per label value; "not exported" for a family the app lacks. */
function countersTable(title: string, counters: StepResult['counters'], calls: number): string[] {
  if (counters === undefined) return [];
  if (counters === 'unavailable') return [`${title}: not read (the app's /metrics did not answer before or after the step).`, ''];
  const rows = counters.flatMap((c: CounterGrowth) => {
    if (!c.exported) return [`| ${c.name} | ${c.by ?? ''} | not exported | |`];
    if (!c.rows.length) return [`| ${c.name} | ${c.by ?? ''} | 0 | 0 |`];
    return c.rows.map((r) => `| ${c.name} | ${c.by === undefined ? '' : `${c.by}="${r.key}"`} | ${r.total} | ${fmt(r.perCall, 2)} |`);
  });
  return [`${title} (${calls} calls):`, '', '| counter | series | growth | per call |', '|---|---|---:|---:|', ...rows, ''];
}

/** Whether the agents take calls again after the overload: the harness does not read their state, so the concurrency steps that follow are the proof. */
function agentsBack(r: TargetResult, opts: BenchOptions): string {
  const steps = r.concurrency?.steps ?? [];
  // The ramp's steps are sorted by level: the one run first is that of the first level asked for.
  const first = steps.find((s) => s.level === opts.concurrency.levels[0]) ?? steps[0];
  if (!first) return 'not checked (no concurrency step after it)';
  return `${first.zeroFailures ? 'yes' : 'NO'}: the next step (${first.level} concurrent calls) ${first.zeroFailures ? 'had zero failures' : 'failed'}; `
    + `${agentsAnswering(steps)} of ${opts.agents} agents answered calls in the concurrency steps`;
}

function overloadSection(r: TargetResult, opts: BenchOptions): string[] {
  if (r.overload === undefined) return [];
  if (typeof r.overload === 'string') return [`Overload step: ${r.overload}.`, ''];
  const { cps, basis, step: s, channelsGoneWithin10s } = r.overload;
  const a = s.accounting;
  const codes = Object.entries(a.codes).map(([code, n]) => `${code} x${n}`).join(', ') || 'none';
  const cpu = s.window ?? s.whole;
  return [
    `Overload step: ${cps} calls/s for ${opts.overload.seconds} s (${basis}), calls as in the rate steps. Refused: a ${REFUSAL_CODES.join(' or ')} final `
      + 'response to the INVITE, acknowledged and not counted as a failure; failed: answered then not ended by the caller\'s own BYE, or neither answered nor refused. '
      + 'Agents available again: proven by the concurrency steps that follow (the harness does not read the agents\' state).', '',
    '| calls/s | placed/s | placed | answered (200) | reached an agent | refused | failed after answer | failed otherwise | SIPp failed calls | no channel within 10 s of the last call | agents available again | server CPU % | SIPp CPU % |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|',
    `| ${cps} | ${s.achievedCps.toFixed(1)} | ${a.placed} | ${a.answered} | ${s.answered} | ${a.refused} | ${a.failedAfterAnswer} | ${a.failedOther} | ${s.failed} `
      + `| ${channelsGoneWithin10s ? 'yes' : 'NO'} (${s.drainMs === undefined ? 'not within 60 s' : `${(s.drainMs / 1000).toFixed(1)} s`}) | ${agentsBack(r, opts)} `
      + `| ${cpu.serverPercent.toFixed(1)} | ${sippShare(cpu, opts)} |`,
    '', `Final responses other than 200: ${codes}. Channels at mid-step: ${s.channelsByTech ? byTechnology(s.channelsByTech) : '-'}.`, '',
    ...countersTable('App counters over the overload step', s.counters, s.successful),
  ];
}

function details(r: TargetResult, opts: BenchOptions): string[] {
  const out = [`### ${r.name}: ${r.description}`, ''];
  if (r.error) out.push(`**The run stopped with an error:** ${r.error}`, '');
  if (r.idle) {
    out.push(`- Idle baseline (no call, ${opts.agents} agents registered): server CPU ${r.idle.serverPercent.toFixed(2)} % of the machine over `
      + `${r.idle.wallSeconds.toFixed(1)} s (${cpuByProcess(r.idle, 2)}); other processes ${r.idle.othersPercent.toFixed(0)} % of the machine.`);
  }
  if (r.acd) {
    const s = r.acd.step;
    out.push(`- ACD: ${s.successful}/${s.placed} calls ok, ${s.failed} failed, ${s.answered} answered; agent free -> rings over `
      + `${r.acd.freeToRing.count} samples: p50 ${fmt(r.acd.freeToRing.p50)} ms, p99 ${fmt(r.acd.freeToRing.p99)} ms, max ${fmt(r.acd.freeToRing.max)} ms.`);
  }
  if (r.latency) {
    const l = r.latency, s = l.step;
    out.push(`- Latency: ${s.successful}/${s.placed} calls ok, ${s.failed} failed, ${s.recordings ?? '-'} recordings; INVITE -> 200 `
      + `p50 ${fmt(s.inviteTo200.p50, 2)} ms, p99 ${fmt(s.inviteTo200.p99, 2)} ms, max ${fmt(s.inviteTo200.max, 2)} ms; server CPU `
      + `${s.whole.serverSeconds.toFixed(2)} s over ${s.whole.wallSeconds.toFixed(1)} s for ${s.successful} calls (${cpuByProcess(s.whole, 2)}); `
      + `SIPp ${s.whole.generatorSeconds.toFixed(2)} s; other processes ${s.whole.othersPercent.toFixed(0)} % of the machine. CPU per call, idle baseline `
      + `subtracted: ${fmt(l.cpuPerCallMs)} ms, ${fmt(l.cpuPerCallWithoutDbMs)} ms without MariaDB (as measured, nothing subtracted: ${fmt(l.rawCpuPerCallMs)} ms).${settledText(s)}`);
  }
  out.push('', ...countersTable('App counters per call over the latency step', r.latency?.step.counters, r.latency?.step.successful ?? 0));
  out.push(...stepTable('Call rate steps', r.rate, 'calls/s', opts), ...overloadSection(r, opts), ...stepTable('Concurrency steps', r.concurrency, 'calls', opts));
  return out;
}

function pinning(opts: BenchOptions): string {
  if (!opts.sippCpus.length) return `SIPp is not pinned: it shares all ${CORES} cores with the server.`;
  return `SIPp runs on CPU ${opts.sippCpus.join(',')} only (taskset); the server's processes are not pinned, so they share `
    + `${opts.sippCpus.length > 1 ? 'those CPUs' : 'that CPU'} with SIPp when they need it: pinning them to the ${CORES - opts.sippCpus.length} other `
    + `CPU${CORES - opts.sippCpus.length > 1 ? 's' : ''} alone would change what is measured (the server could use less of the machine than it has).`;
}

export function renderReport(info: RunInfo, results: readonly TargetResult[]): string {
  const o = info.opts;
  return [
    '# Benchmark: our app vs Asterisk dialplan + app_queue + MixMonitor (the peer)', '',
    `- Command: \`${info.command}\``,
    `- Date: ${info.date}`,
    `- Machine: ${info.machine}`,
    `- Software: ${info.versions}`,
    `- Call: INVITE from the trunk (127.0.0.2) -> IVR prompt -> one key by SIP INFO ${o.keyDelayMs} ms after the answer -> queue `
      + `-> the agent's phone rings ${o.ringMs} ms and answers -> talk -> hang-up; recorded; ${o.media ? 'A-law RTP both ways' : 'no RTP from the phones'}.`,
    `- Same load generator (SIPp) on the same machine for both; server CPU is the server processes' user+system time `
      + '(ours: Asterisk + app + MariaDB; peer: Asterisk), as a share of all cores; "others" is what the rest of the '
      + 'machine used meanwhile (anything but a few % means a shared machine skewed the run).',
    `- ${pinning(o)}`,
    `- CPU per call: the server's CPU over the latency step less its idle baseline (its CPU with no call over ${o.idleSeconds} s, `
      + 'before its first step, at the same rate for the step\'s length), divided by the calls; with and without MariaDB. '
      + `Ours: after every step, the last CPU reading waits until the app's call journal is written (ccapp_journal_pending 0, up to ${o.journalWaitSeconds} s), `
      + 'so the step\'s database writes count.',
    '- Both play the appliance\'s hold music (musiconhold.conf default class, Debian\'s GSM files) and record the talk only, from the agent\'s answer on '
      + '(the peer: queues.conf monitor-format, MixMonitor started by app_queue).',
    '', ...headline(results, o), '',
    '## Details', '', ...results.flatMap((r) => details(r, o)),
  ].join('\n');
}
