// Percentiles and the agent-free -> agent-rings latency, from the timelines of shortmsg.ts.
import type { AgentCall, CallerCall } from './shortmsg.js';

/** The p-th percentile (0-100) by nearest rank; undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Summary { count: number; p50?: number; p99?: number; max?: number }

export function summarize(samples: readonly number[]): Summary {
  return { count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: percentile(samples, 100) };
}

/** INVITE sent -> 200 received, in ms, for every caller that got its 200. */
export function inviteTo200Ms(calls: readonly CallerCall[]): number[] {
  return calls.flatMap((c) => (c.okAt === undefined ? [] : [(c.okAt - c.inviteAt) * 1000]));
}

/** How many of the sorted values are <= t. */
function countUpTo(sorted: readonly number[], t: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * For each agent, from the end of one of its calls to the next INVITE its phone gets, in ms,
 * counted only when enough callers were already waiting in the queue at that moment for every
 * agent then free (a caller waits once its key has been acknowledged `settleMs` ago, until an
 * agent's phone rings for it): otherwise the gap is the wait for a caller, not the ACD's decision.
 */
export function agentFreeToRingMs(agents: readonly AgentCall[], callers: readonly CallerCall[], settleMs = 100): number[] {
  const queued = callers.flatMap((c) => (c.queuedAt === undefined ? [] : [c.queuedAt])).sort((a, b) => a - b);
  const rung = agents.filter((a) => a.answeredAt !== undefined).map((a) => a.inviteAt).sort((a, b) => a - b);
  const byAgent = new Map<string, AgentCall[]>();
  for (const a of agents) byAgent.set(a.agent, [...(byAgent.get(a.agent) ?? []), a]);
  // Each agent's idle spells: from a call's end to the next ring (or for ever).
  const gaps: { agent: string; from: number; to: number }[] = [];
  for (const [agent, calls] of byAgent) {
    calls.sort((a, b) => a.inviteAt - b.inviteAt);
    calls.forEach((c, i) => {
      const next = calls[i + 1];
      if (c.freeAt !== undefined && (!next || next.inviteAt >= c.freeAt)) gaps.push({ agent, from: c.freeAt, to: next?.inviteAt ?? Infinity });
    });
  }
  const out: number[] = [];
  for (const g of gaps) {
    if (g.to === Infinity) continue;
    const waiting = countUpTo(queued, g.from - settleMs / 1000) - countUpTo(rung, g.from);
    const idle = gaps.filter((o) => o.from <= g.from && o.to > g.from).length;
    if (waiting >= idle) out.push((g.to - g.from) * 1000);
  }
  return out;
}

/** Final responses to an INVITE that refuse a call cleanly (overload, busy): not a failure. */
export const REFUSAL_CODES: readonly number[] = [503, 486];

/** What became of the calls of a step whose callers hang up themselves (the overload step). */
export interface CallAccounting {
  placed: number;
  /** 200 to the INVITE. */
  answered: number;
  /** 503 or 486 to the INVITE. */
  refused: number;
  /** Answered, then not ended by the caller's own BYE answered 200 (the server hung up, or the call broke). */
  failedAfterAnswer: number;
  /** Neither answered nor refused: no final response, another one, or the INVITE never traced. */
  failedOther: number;
  /** Every final response but 200, by code ('none' for no final response). */
  codes: Record<string, number>;
}

export function accountCalls(calls: readonly CallerCall[], placed: number): CallAccounting {
  const codes: Record<string, number> = {};
  let answered = 0, refused = 0, failedAfterAnswer = 0;
  for (const c of calls) {
    if (c.finalCode === 200) {
      answered++;
      if (c.endedBy !== 'caller') failedAfterAnswer++;
      continue;
    }
    const code = c.finalCode === undefined ? 'none' : String(c.finalCode);
    codes[code] = (codes[code] ?? 0) + 1;
    if (c.finalCode !== undefined && REFUSAL_CODES.includes(c.finalCode)) refused++;
  }
  const all = Math.max(placed, calls.length);
  return { placed: all, answered, refused, failedAfterAnswer, failedOther: all - answered - refused, codes };
}
