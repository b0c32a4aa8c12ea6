// One call summarised into the units the KPIs count, for the `call_facts` table: a queue visit
// (per queue), the call's journey or IVR abandon (per line and tenant-wide), an offer (per agent).
// Each unit keeps its instant (the bucket it counts in), its outcome and the durations the
// figures add up, exactly as compute.ts and agents.ts would count it. Pure: no clock, no I/O.
import { classifyCall, handleMs, talkMs, type CallClassification, type Journey, type QueueVisit } from './classify.js';
import type { CallTimeline } from './types.js';

/** Reports aggregate by 15-minute UTC slots (see slots.ts). */
export const SLOT_MS = 15 * 60_000;

export type FactKind = 'queue' | 'line' | 'agent';

/** Queue and line units: how the visit or journey ended (`immediate`: abandoned < 5 s; `ivr`: an
 *  IVR abandon, counted but not offered). Agent units: the offer's result (`answered` = taken). */
export type FactOutcome =
  | 'answered' | 'abandoned' | 'immediate' | 'dropped' | 'overflowed' | 'callback' | 'waiting' | 'ivr'
  | 'no_answer' | 'cancelled' | 'pending';

export interface KpiFact {
  kind: FactKind;
  /** Rank of the unit among the call's units of this kind, from 0. */
  n: number;
  /** Queue, line or agent id. */
  group: string;
  /** When it counts: queue entry (visit), first queue entry or arrival (line), offer (agent). */
  at: Date;
  outcome: FactOutcome;
  /** Queue entry to outcome; null while waiting, and for agent and IVR units. */
  waitMs: number | null;
  /** Answered on the first offer, made < 1 s after the queue entry. */
  withoutWait: boolean;
  /** Of the talk that answered unit led to; null while talking, or when not answered. */
  talkMs: number | null;
  handleMs: number | null;
}

export interface CallFacts {
  callId: string;
  /** Tenant slug. */
  tenant: string;
  facts: KpiFact[];
}

/** Stored group ids are at most 64 characters (call_facts.grp). */
export const MAX_GROUP_LENGTH = 64;

function unitFact(kind: 'queue' | 'line', n: number, group: string, u: QueueVisit | Journey): KpiFact {
  const o = u.outcome;
  const base = { kind, n, group, at: u.enteredAt, withoutWait: false, talkMs: null, handleMs: null };
  if (o.kind === 'waiting' || u.waitMs === null) return { ...base, outcome: 'waiting', waitMs: null };
  const outcome: FactOutcome = o.kind === 'abandoned' ? (o.immediate ? 'immediate' : 'abandoned') : o.kind;
  if (outcome !== 'answered' || !u.talk) return { ...base, outcome, waitMs: u.waitMs, withoutWait: outcome === 'answered' && u.withoutWait };
  return { ...base, outcome, waitMs: u.waitMs, withoutWait: u.withoutWait, talkMs: talkMs(u.talk), handleMs: handleMs(u.talk) };
}

/** The facts of a classified call (see summariseCall). */
export function factsOf(c: CallClassification): KpiFact[] {
  const facts: KpiFact[] = c.visits.map((v, i) => unitFact('queue', i, v.queue, v));
  if (c.journey) facts.push(unitFact('line', 0, c.line, c.journey));
  else if (c.ivrAbandon && c.arrivedAt) {
    facts.push({ kind: 'line', n: 0, group: c.line, at: c.arrivedAt, outcome: 'ivr', waitMs: null, withoutWait: false, talkMs: null, handleMs: null });
  }
  let n = 0;
  for (const v of c.visits) {
    for (const a of v.attempts) {
      const taken = a.result === 'answered';
      const leg = taken && v.talk?.agent === a.agent ? v.talk : null;
      facts.push({
        kind: 'agent', n: n++, group: a.agent, at: a.offeredAt,
        outcome: taken ? 'answered' : a.result === 'no-answer' ? 'no_answer' : a.result,
        waitMs: null, withoutWait: false, talkMs: leg ? talkMs(leg) : null, handleMs: leg ? handleMs(leg) : null,
      });
    }
  }
  for (const f of facts) if (f.group.length > MAX_GROUP_LENGTH) f.group = f.group.slice(0, MAX_GROUP_LENGTH);
  return facts;
}

/**
 * What one call adds to the reports, whatever its state: a live call's units are `waiting` or
 * `pending` (in progress), so summarising it again once it has ended, and again once its
 * wrap-up has ended, replaces them. The same timeline always gives the same facts.
 */
export function summariseCall(timeline: CallTimeline): CallFacts {
  return { callId: timeline.callId, tenant: timeline.tenant, facts: factsOf(classifyCall(timeline)) };
}
