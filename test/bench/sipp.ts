// SIPp processes started by the bench: each one's output goes to a file in the run's directory,
// every one is tracked so that the run can end them all (by pid) whatever happens, and the final
// counters are read from its statistics file (-trace_stat). Every SIPp may be pinned to chosen
// CPUs (util-linux's taskset, which execs SIPp: the pid is SIPp's own).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';

export interface Sipp {
  name: string;
  pid: number;
  /** Resolves with the exit code (or -1 when killed by a signal) once it has exited. */
  exited: Promise<number>;
}

const running = new Map<number, ChildProcess>();
let pinnedTo: readonly number[] = [];

/** Every SIPp started from now on runs on these CPUs only (none: wherever the kernel puts it). */
export function pinSipp(cpus: readonly number[]): void {
  pinnedTo = [...cpus];
}

/** The command line that starts SIPp with `args`, pinned when asked. */
export function sippCommand(args: readonly string[], cpus: readonly number[] = pinnedTo): [string, string[]] {
  const sipp = [...args, '-nostdin'];
  return cpus.length ? ['taskset', ['--cpu-list', cpus.join(','), 'sipp', ...sipp]] : ['sipp', sipp];
}

export function startSipp(name: string, args: readonly string[], outputFile: string): Sipp {
  const out = openSync(outputFile, 'a');
  const [command, argv] = sippCommand(args);
  const child = spawn(command, argv, { stdio: ['ignore', out, out] });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`cannot start ${command} (${name}); are sip-tester${pinnedTo.length ? ' and util-linux' : ''} installed?`);
  const pid = child.pid;
  running.set(pid, child);
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code) => { running.delete(pid); resolve(code ?? -1); });
    child.once('error', () => { running.delete(pid); resolve(-1); });
  });
  return { name, pid, exited };
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Asks SIPp to finish (SIGUSR1: no new calls, calls under way end), then insists. */
export async function stopSipp(s: Sipp, graceMs = 5000): Promise<number> {
  for (const [signal, waitMs] of [['SIGUSR1', graceMs], ['SIGTERM', 2000], ['SIGKILL', 2000]] as const) {
    if (!running.has(s.pid)) break;
    process.kill(s.pid, signal);
    const done = await Promise.race([s.exited.then(() => true), delay(waitMs).then(() => false)]);
    if (done) break;
  }
  return s.exited;
}

/** Kills every SIPp this process started and that still runs (at exit, or on Ctrl-C). */
export function killAllSipp(): void {
  for (const [pid] of running) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  running.clear();
}

export function runningSipp(): { name: string; pid: number }[] {
  return [...running.keys()].map((pid) => ({ name: 'sipp', pid }));
}

export interface SippCounts {
  created: number;
  successful: number;
  failed: number;
  /** Each non-zero Failed* counter by name, to say why. */
  failures: Record<string, number>;
}

/** The cumulative counters of the last line of a -trace_stat file. */
export function readSippStats(file: string): SippCounts {
  if (!existsSync(file)) throw new Error(`SIPp wrote no statistics file ${file}`);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const header = lines[0]?.split(';') ?? [];
  const last = lines[lines.length - 1]?.split(';') ?? [];
  if (lines.length < 2 || header.length !== last.length) throw new Error(`SIPp statistics file ${file} has no complete line`);
  const get = (col: string): number => Number(last[header.indexOf(col)] ?? NaN);
  const failures: Record<string, number> = {};
  header.forEach((col, i) => {
    const m = /^(Failed\w+)\(C\)$/.exec(col);
    if (m?.[1] && Number(last[i]) > 0) failures[m[1]] = Number(last[i]);
  });
  return { created: get('TotalCallCreated'), successful: get('SuccessfulCall(C)'), failed: get('FailedCall(C)'), failures };
}
