// CPU time from /proc: a process's user + system time (its own threads, not its children), the
// machine's busy time, and a meter that reads both at two instants. Linux only.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { cpus } from 'node:os';

export interface Proc {
  /** What it is, for the report: asterisk, app, mariadb, sipp... */
  name: string;
  pid: number;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
export const CORES = cpus().length;

/** utime + stime of a process in seconds, or undefined when it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** The machine's busy and total time in seconds, all cores together. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / TICKS, total: total / TICKS };
}

/** Processes whose root is `root` (a chroot) and whose command line matches. */
export function processesInRoot(root: string, match: (argv: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/root`) !== root) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (match(argv)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

export interface CpuReading {
  at: number;
  perProcess: Map<string, number>;
  machine: { busy: number; total: number };
}

export interface CpuUse {
  wallSeconds: number;
  /** CPU seconds of the server's processes, by name, and in all. */
  byName: Record<string, number>;
  serverSeconds: number;
  /** The server's share of the whole machine (all cores), in percent. */
  serverPercent: number;
  /** The load generator's (SIPp) CPU seconds, when given its processes. */
  generatorSeconds: number;
  generatorPercent: number;
  machineBusyPercent: number;
  /** What the rest of the machine used meanwhile (other work on a shared machine skews a run). */
  othersPercent: number;
}

export function readCpu(server: readonly Proc[], generator: readonly Proc[] = []): CpuReading {
  const perProcess = new Map<string, number>();
  for (const [kind, procs] of [['s', server], ['g', generator]] as const) {
    for (const p of procs) {
      const s = processCpuSeconds(p.pid);
      if (s !== undefined) perProcess.set(`${kind}:${p.name}:${p.pid}`, s);
    }
  }
  return { at: performance.now(), perProcess, machine: machineCpuSeconds() };
}

/** CPU used between two readings (a process absent from either is left out). */
export function cpuBetween(a: CpuReading, b: CpuReading): CpuUse {
  const wallSeconds = (b.at - a.at) / 1000;
  const byName: Record<string, number> = {};
  let serverSeconds = 0, generatorSeconds = 0;
  for (const [key, end] of b.perProcess) {
    const start = a.perProcess.get(key);
    if (start === undefined) continue;
    const [kind, name] = key.split(':') as [string, string];
    const used = end - start;
    if (kind === 's') {
      byName[name] = (byName[name] ?? 0) + used;
      serverSeconds += used;
    } else generatorSeconds += used;
  }
  const total = b.machine.total - a.machine.total;
  const share = (seconds: number): number => (wallSeconds > 0 ? (100 * seconds) / (wallSeconds * CORES) : 0);
  const machineBusyPercent = total > 0 ? (100 * (b.machine.busy - a.machine.busy)) / total : 0;
  const serverPercent = share(serverSeconds), generatorPercent = share(generatorSeconds);
  return {
    wallSeconds, byName, serverSeconds, generatorSeconds, serverPercent, generatorPercent, machineBusyPercent,
    othersPercent: Math.max(0, machineBusyPercent - serverPercent - generatorPercent),
  };
}

/**
 * The server's CPU milliseconds per call over a step, with the idle baseline subtracted (what
 * the server burns with no call, at the same rate, over the step's wall time) and the processes
 * named in `without` left out of both. NaN without calls.
 */
export function cpuPerCallMs(step: CpuUse, idle: CpuUse | undefined, calls: number, without: readonly string[] = []): number {
  const less = (u: CpuUse): number => u.serverSeconds - without.reduce((sum, name) => sum + (u.byName[name] ?? 0), 0);
  const idlePerSecond = idle && idle.wallSeconds > 0 ? less(idle) / idle.wallSeconds : 0;
  return calls > 0 ? (1000 * (less(step) - idlePerSecond * step.wallSeconds)) / calls : NaN;
}
