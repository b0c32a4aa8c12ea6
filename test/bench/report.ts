// The bench's report: the headline figures per target with the ratios ours/peer and the design's
// targets, then every step, as markdown ready for docs/benchmarks.md.
import type { BenchOptions } from './options.js';
import type { Ramp } from './phases.js';
import type { StepResult } from './step.js';
import { fmt } from './step.js';
import type { Summary } from './stats.js';

export interface TargetResult {
  name: string;
  description: string;
  error?: string;
  acd?: { step: StepResult; freeToRing: Summary };
  latency?: { step: StepResult; cpuPerCallMs: number };
  rate?: Ramp;
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
      label: `server CPU per call (ms), ${opts.latency.cps} calls/s`, target: '',
      get: (r) => r.latency?.cpuPerCallMs, show: (r) => fmt(r.latency?.cpuPerCallMs),
    },
  ];
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

function stepTable(title: string, ramp: Ramp | undefined, unit: string): string[] {
  if (!ramp) return [];
  const lines = [`${title} (stopped: ${ramp.stoppedBy})`, '',
    `| ${unit} | placed/s | ok | failed | answered | recordings | channels | INVITE->200 p50/p99 ms | server CPU % | SIPp CPU % | others CPU % | CPU s by process |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const s of ramp.steps) {
    const cpu = s.window ?? s.whole;
    const by = Object.entries(s.whole.byName).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    lines.push(`| ${s.level} | ${s.achievedCps.toFixed(1)} | ${s.successful} | ${s.failed}${s.zeroFailures ? '' : ' (!)'} | ${s.answered} | ${s.recordings ?? '-'} `
      + `| ${s.channelsInWindow ?? '-'} | ${pair(s.inviteTo200)} | ${cpu.serverPercent.toFixed(1)} | ${cpu.generatorPercent.toFixed(1)} | ${cpu.othersPercent.toFixed(1)} | ${by} |`);
  }
  return [...lines, ''];
}

function details(r: TargetResult): string[] {
  const out = [`### ${r.name}: ${r.description}`, ''];
  if (r.error) out.push(`**The run stopped with an error:** ${r.error}`, '');
  if (r.acd) {
    const s = r.acd.step;
    out.push(`- ACD: ${s.successful}/${s.placed} calls ok, ${s.failed} failed, ${s.answered} answered; agent free -> rings over `
      + `${r.acd.freeToRing.count} samples: p50 ${fmt(r.acd.freeToRing.p50)} ms, p99 ${fmt(r.acd.freeToRing.p99)} ms, max ${fmt(r.acd.freeToRing.max)} ms.`);
  }
  if (r.latency) {
    const s = r.latency.step;
    out.push(`- Latency: ${s.successful}/${s.placed} calls ok, ${s.failed} failed, ${s.recordings ?? '-'} recordings; INVITE -> 200 `
      + `p50 ${fmt(s.inviteTo200.p50, 2)} ms, p99 ${fmt(s.inviteTo200.p99, 2)} ms, max ${fmt(s.inviteTo200.max, 2)} ms; server CPU `
      + `${s.whole.serverSeconds.toFixed(2)} s for ${s.successful} calls (${Object.entries(s.whole.byName).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}); `
      + `SIPp ${s.whole.generatorSeconds.toFixed(2)} s; other processes ${s.whole.othersPercent.toFixed(0)} % of the machine.`);
  }
  out.push('', ...stepTable('Call rate steps', r.rate, 'calls/s'), ...stepTable('Concurrency steps', r.concurrency, 'calls'));
  return out;
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
    '', ...headline(results, o), '',
    '## Details', '', ...results.flatMap(details),
  ].join('\n');
}
