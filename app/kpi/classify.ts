// One call's events turned into what the KPIs count: its queue visits (one per queue.entered,
// each with an outcome and a wait), the agents it was offered to, the talk and wrap-up of the
// agent who took it, and its journey as the caller lived it (first queue to first answer).
// Pure: no clock, no I/O. Unknown event types and malformed payloads are ignored.
import type {
  AgentAttempt, CallClassification, CallEventRecord, CallTimeline, Journey, OverflowTarget, QueueVisit, TalkLeg, VisitOutcome,
} from './types.js';

export type { AgentAttempt, CallClassification, Journey, OverflowTarget, QueueVisit, TalkLeg, VisitOutcome } from './types.js';

/** A caller who hangs up within this long of entering a queue made an "immediate hang-up". */
export const IMMEDIATE_HANGUP_MS = 5_000;
/** Offered to an agent within this long of entering the queue (and taken on that offer): no wait. */
export const NO_WAIT_MS = 1_000;

type Data = Readonly<Record<string, unknown>>;
const str = (d: Data, key: string): string | undefined => {
  const v = d[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** Events with a valid date, in (at, seq) order. */
export function sortEvents(events: readonly CallEventRecord[]): CallEventRecord[] {
  return events
    .filter((e) => e.at instanceof Date && !Number.isNaN(e.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
}

/** Talk time: agent.answered → end of talk; null while talking. */
export function talkMs(leg: TalkLeg): number | null {
  return leg.talkEndedAt ? leg.talkEndedAt.getTime() - leg.answeredAt.getTime() : null;
}

/** Handle time: talk + wrap-up until agent.wrapup_ended (talk alone when no wrap-up was recorded). */
export function handleMs(leg: TalkLeg): number | null {
  if (!leg.talkEndedAt) return null;
  return (leg.wrapUpEndedAt ?? leg.talkEndedAt).getTime() - leg.answeredAt.getTime();
}

/** "Within N seconds" as both tenders write it ("ne dépassant pas"): wait <= N s, to the ms. */
export function answeredWithin(waitMs: number, seconds: number): boolean {
  return waitMs <= seconds * 1000;
}

function target(v: unknown): OverflowTarget {
  const t = (typeof v === 'object' && v !== null ? v : {}) as Data;
  return { kind: t.kind === 'queue' ? 'queue' : 'number', id: str(t, 'id') ?? '' };
}

export function classifyCall(t: CallTimeline): CallClassification {
  const events = sortEvents(t.events);
  const visits: QueueVisit[] = [];
  let open: QueueVisit | undefined;
  let arrivedAt: Date | null = null;
  let endedAt: Date | null = null;
  let hungUpBy: CallClassification['hungUpBy'] = null;

  const pending = (agent: string | undefined): AgentAttempt | undefined =>
    open?.attempts.findLast((a) => a.result === 'pending' && a.agent === agent);
  const close = (outcome: Exclude<VisitOutcome, { kind: 'waiting' }>): void => {
    if (!open) return;
    const taken = outcome.kind === 'answered' ? pending(outcome.agent) : undefined;
    open.outcome = outcome;
    open.waitMs = outcome.at.getTime() - open.enteredAt.getTime();
    for (const a of open.attempts) if (a.result === 'pending') a.result = a === taken ? 'answered' : 'cancelled';
    open = undefined;
  };
  const legs = (): TalkLeg[] => visits.flatMap((v) => (v.talk ? [v.talk] : []));
  const endTalk = (at: Date, agent?: string): TalkLeg[] => {
    const ended = legs().filter((l) => !l.talkEndedAt && (agent === undefined || l.agent === agent));
    for (const l of ended) l.talkEndedAt = at;
    return ended;
  };

  for (const e of events) {
    const d: Data = e.data ?? {};
    const live = endedAt === null;
    switch (e.type) {
      case 'call.arrived':
        arrivedAt ??= e.at;
        break;
      case 'queue.entered': {
        const queue = str(d, 'queue');
        if (!live || !queue || open?.queue === queue) break; // a repeated entry is the same wait
        close({ kind: 'overflowed', at: e.at, target: { kind: 'queue', id: queue } });
        const priority = typeof d.priority === 'number' ? d.priority : null;
        open = { queue, priority, enteredAt: e.at, outcome: { kind: 'waiting' }, waitMs: null, attempts: [], talk: null, withoutWait: false };
        visits.push(open);
        break;
      }
      case 'agent.offered': {
        const agent = str(d, 'agent');
        if (open && agent) open.attempts.push({ agent, queue: open.queue, offeredAt: e.at, ringingAt: null, result: 'pending' });
        break;
      }
      case 'agent.ringing': {
        const a = pending(str(d, 'agent'));
        if (a) a.ringingAt ??= e.at;
        break;
      }
      case 'agent.no_answer': {
        const a = pending(str(d, 'agent'));
        if (a) a.result = 'no-answer';
        break;
      }
      case 'agent.answered': {
        const agent = str(d, 'agent');
        const visit = open;
        if (!visit || !agent) break;
        // An answer without an offer event still counts as an offer to that agent.
        if (!pending(agent)) visit.attempts.push({ agent, queue: visit.queue, offeredAt: e.at, ringingAt: null, result: 'pending' });
        close({ kind: 'answered', at: e.at, agent });
        visit.talk = { agent, queue: visit.queue, answeredAt: e.at, talkEndedAt: null, wrapUpEndedAt: null, transferredTo: null };
        const first = visit.attempts[0];
        visit.withoutWait = !!first && first.result === 'answered' && first.offeredAt.getTime() - visit.enteredAt.getTime() < NO_WAIT_MS;
        break;
      }
      case 'queue.overflowed':
        close({ kind: 'overflowed', at: e.at, target: target(d.target) });
        break;
      case 'callback.requested':
        close({ kind: 'callback', at: e.at, number: str(d, 'number') ?? '' });
        break;
      case 'agent.hangup':
        endTalk(e.at, str(d, 'agent'));
        break;
      case 'call.transferred': {
        const to = typeof d.to === 'object' && d.to !== null ? str(d.to as Data, 'id') : str(d, 'to');
        for (const l of endTalk(e.at, str(d, 'by'))) l.transferredTo = to ?? null;
        break;
      }
      case 'agent.wrapup_ended': {
        const leg = legs().findLast((l) => l.agent === str(d, 'agent') && l.talkEndedAt && !l.wrapUpEndedAt);
        if (leg) leg.wrapUpEndedAt = e.at;
        break;
      }
      case 'call.hangup': {
        if (!live) break;
        endedAt = e.at;
        hungUpBy = d.by === 'app' ? 'app' : 'caller'; // without `by`, the caller's doing
        const waited = open ? e.at.getTime() - open.enteredAt.getTime() : 0;
        close(hungUpBy === 'app' ? { kind: 'dropped', at: e.at } : { kind: 'abandoned', at: e.at, immediate: waited < IMMEDIATE_HANGUP_MS });
        endTalk(e.at);
        break;
      }
    }
  }
  return {
    callId: t.callId, tenant: t.tenant, line: t.line, did: t.did,
    arrivedAt: arrivedAt ?? events[0]?.at ?? null, endedAt, hungUpBy,
    ivrAbandon: visits.length === 0 && hungUpBy === 'caller',
    visits, journey: journeyOf(visits),
  };
}

function journeyOf(visits: readonly QueueVisit[]): Journey | null {
  const first = visits[0];
  if (!first) return null;
  const answering = visits.find((v) => v.outcome.kind === 'answered');
  const last = answering ?? visits[visits.length - 1] ?? first;
  const outcome = last.outcome;
  return {
    queue: first.queue, enteredAt: first.enteredAt, outcome,
    waitMs: outcome.kind === 'waiting' ? null : outcome.at.getTime() - first.enteredAt.getTime(),
    talk: last.talk, withoutWait: last === first && first.withoutWait,
  };
}
