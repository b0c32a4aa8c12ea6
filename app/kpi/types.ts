// The KPI module's input: one call as the journal wrote it (a `calls` row and its `call_events`),
// shaped so that it can be built straight from SQL rows (see sql.ts) or by hand in tests; and
// what classify.ts makes of it.

/** One row of `call_events`: `at` has millisecond precision, `seq` orders events within a call. */
export interface CallEventRecord {
  /** Dotted event name (`queue.entered`, `agent.answered`, ...). Unknown types are ignored. */
  type: string;
  at: Date;
  seq: number;
  /** The event's JSON payload as stored; fields the KPIs read are checked, never trusted. */
  data?: Readonly<Record<string, unknown>> | null;
}

/** Every event of one call. Events may come in any order: the KPIs sort them by (at, seq). */
export interface CallTimeline {
  callId: string;
  /** Tenant slug. */
  tenant: string;
  /** Line slug (technical, commercial, ...). */
  line: string;
  /** The number that was dialled. */
  did: string;
  events: readonly CallEventRecord[];
}

// ---- What classifyCall makes of a timeline ----

export interface OverflowTarget { kind: 'queue' | 'number'; id: string }

/** How a queue visit ended. `waiting`: the call is live and still waits (in progress). */
export type VisitOutcome =
  | { kind: 'answered'; at: Date; agent: string }
  /** The caller hung up while waiting (ringing an agent included). */
  | { kind: 'abandoned'; at: Date; immediate: boolean }
  /** The app hung up while the call waited (flow failure, shutdown): lost, but not the caller's doing. */
  | { kind: 'dropped'; at: Date }
  | { kind: 'overflowed'; at: Date; target: OverflowTarget }
  | { kind: 'callback'; at: Date; number: string }
  | { kind: 'waiting' };

export interface AgentAttempt {
  agent: string;
  queue: string;
  offeredAt: Date;
  ringingAt: Date | null;
  /** cancelled: the call left the queue (hang-up, overflow, another agent) during the offer. */
  result: 'answered' | 'no-answer' | 'cancelled' | 'pending';
}

export interface TalkLeg {
  agent: string;
  queue: string;
  answeredAt: Date;
  /** agent.hangup, call.transferred by this agent, or call.hangup; null while talking. */
  talkEndedAt: Date | null;
  wrapUpEndedAt: Date | null;
  transferredTo: string | null;
}

export interface QueueVisit {
  queue: string;
  priority: number | null;
  enteredAt: Date;
  outcome: VisitOutcome;
  /** queue.entered → answer, hang-up, overflow or callback request; null while waiting. */
  waitMs: number | null;
  attempts: AgentAttempt[];
  talk: TalkLeg | null;
  /** Answered on the first offer, made within NO_WAIT_MS (1 s) of entering the queue. */
  withoutWait: boolean;
}

/** The call as its caller lived it: from the first queue it entered to its first answer. */
export interface Journey {
  queue: string;
  enteredAt: Date;
  /** The first answer if any, else the last visit's outcome. */
  outcome: VisitOutcome;
  /** First queue.entered → that outcome (waits in successive queues add up); null while waiting. */
  waitMs: number | null;
  talk: TalkLeg | null;
  withoutWait: boolean;
}

export interface CallClassification {
  callId: string;
  tenant: string;
  line: string;
  did: string;
  /** call.arrived, else the first event; null for a call without any event. */
  arrivedAt: Date | null;
  /** call.hangup; null while the call is live (in progress). */
  endedAt: Date | null;
  hungUpBy: 'caller' | 'app' | null;
  /** The caller hung up in the IVR or the welcome message, before entering any queue. */
  ivrAbandon: boolean;
  visits: QueueVisit[];
  /** null when the call never entered a queue. */
  journey: Journey | null;
}

