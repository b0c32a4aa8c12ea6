// Places the callers of one step: a SIPp UAC from the carrier trunk's address (127.0.0.2, port
// 5062 so as not to collide with the integration tests' 5060) at a given rate, up to a number of
// calls (and of simultaneous calls), and reads back each call's timeline and SIPp's counters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SippCounts, type Sipp, readSippStats, startSipp } from './sipp.js';
import { type CallerParams, writeCallerScenario } from './scenarios.js';
import { type CallerCall, callerCalls, parseShortMessages } from './shortmsg.js';
import type { Target } from './target.js';

export const CALLER_IP = '127.0.0.2';
const CALLER_PORT = 5062;

export interface CallerRun {
  tag: string;
  rate: number;
  calls: number;
  /** At most this many calls at once (SIPp -l); default: no limit but the rate. */
  limit?: number;
  params: CallerParams;
  /** The callers hang up in turn, from this long after the first is placed on, `spacingMs` apart
   * (instead of params.holdMs after each one's key). */
  hangUp?: { afterMs: number; spacingMs: number };
  /** Runs while the callers call (CPU readings at chosen instants, ...). */
  during?: (sipp: Sipp) => Promise<void>;
}

export interface CallerResult {
  counts: SippCounts;
  calls: CallerCall[];
  exitCode: number;
}

/** A guard against a hung run, not a measurement: every call of the run ends long before it. */
export function callerGuardSeconds(run: Pick<CallerRun, 'calls' | 'rate' | 'params'>): number {
  return Math.ceil(run.calls / run.rate + run.params.keyDelayMs / 1000 + run.params.holdMs / 1000 + 60);
}

export async function runCallers(target: Target, dir: string, run: CallerRun): Promise<CallerResult> {
  const hangUpAt = run.hangUp && { epochMs: Date.now() + run.hangUp.afterMs, spacingMs: run.hangUp.spacingMs };
  const scenario = writeCallerScenario(dir, `${run.tag}-caller.xml`, { ...run.params, hangUpAt });
  const base = join(dir, `${run.tag}-callers`);
  const guardSeconds = callerGuardSeconds(run);
  const sipp = startSipp('callers', [
    `${target.sip.host}:${target.sip.port}`, '-sf', scenario, '-s', target.did,
    '-i', CALLER_IP, '-p', String(CALLER_PORT), '-mi', CALLER_IP, '-mp', '40000',
    '-r', String(run.rate), '-m', String(run.calls), ...(run.limit ? ['-l', String(run.limit)] : []),
    '-trace_shortmsg', '-shortmessage_file', `${base}.shortmsg.log`, '-trace_stat', '-stf', `${base}.stat.csv`, '-fd', '1',
    '-trace_err', '-error_file', `${base}.errors.log`, '-timeout', `${guardSeconds}s`, '-timeout_error',
  ], `${base}.out`);
  const [exitCode] = await Promise.all([sipp.exited, run.during?.(sipp)]);
  const shortmsg = `${base}.shortmsg.log`;
  return {
    exitCode,
    counts: readSippStats(`${base}.stat.csv`),
    calls: existsSync(shortmsg) ? callerCalls(parseShortMessages(readFileSync(shortmsg, 'utf8'))) : [],
  };
}
