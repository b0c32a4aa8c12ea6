// The ACD core's vocabulary: its configuration, the inputs the shell feeds it, the actions it asks
// the shell to carry out and the events it writes to the journal. Ids are strings; times are epoch
// milliseconds given by the shell (the core never reads a clock).

/** A queue's requirement: the agent needs skill `name` = `value` at level >= minLevel (1 by default). */
export interface Skill { name: string; value: string; minLevel?: number }
/** An agent's skill, level 1 (novice) to 10 (expert). */
export interface AgentSkill { name: string; value: string; level: number }

export type OverflowTarget = { kind: 'queue'; id: string } | { kind: 'number'; number: string };

export interface QueueConfig {
  id: string;
  tenant: string;
  line: string;
  skills: Skill[];
  /** An agent's phone rings this long before the call goes to the next agent (15 s). */
  ringTimeoutMs: number;
  /** After-call work after each call, before the agent is offered another (10 s). */
  wrapUpMs: number;
  /** A call still waiting this long after entering the queue goes to overflowTarget (90 s). */
  overflowAfterMs: number;
  /** No target: the call waits until answered, abandoned or called back. */
  overflowTarget?: OverflowTarget;
  /** Answered within this wait (<= , to the ms) counts as within the service level (20 s). */
  serviceLevelMs: number;
  /** Position and expected wait are announced every this long after entry; 0: never. */
  announceEveryMs: number;
  /** The key that asks for a callback; without it the queue offers no callback. */
  callbackKey?: string;
  /** When set, a call with a language needs an agent with skill `<languageSkill>` = that language. */
  languageSkill?: string;
  /** Handle time assumed for the expected wait until calls have been handled in this queue (150 s). */
  defaultHandleMs: number;
  /** Added to an overflowed call's priority when it enters this queue (10). */
  overflowBoost: number;
  /** Added to a callback's priority each time the caller could not be reached (10). */
  callbackBoost: number;
  /** Calls to the caller's number before the callback is given up (3). */
  callbackAttempts: number;
  /** Delay before calling back again a caller who did not answer (120 s). */
  callbackRetryMs: number;
}

export interface AgentConfig { id: string; tenant: string; skills: AgentSkill[] }

export type AgentStatus = 'logged_out' | 'available' | 'ringing' | 'on_call' | 'wrap_up' | 'paused';
/** What an agent who logs out or pauses during a call becomes once that call's wrap-up ends. */
export type PendingChange = { to: 'logged_out' } | { to: 'paused'; reason: string };

export interface AgentView {
  id: string;
  state: AgentStatus;
  /** The pause reason ('no_answer', 'rejected', 'break', ...); null unless paused. */
  reason: string | null;
  /** A phone that is not registered cannot be rung. */
  registered: boolean;
  /** Longest idle is served first: set at login, unpause and the end of wrap-up. */
  idleSince: number;
  /** When the agent entered this state. */
  since: number;
  /** The call ringing, connected or wrapped up; null otherwise. */
  call: string | null;
  wrapUpUntil: number | null;
  pending: PendingChange | null;
}

export type CallStatus = 'waiting' | 'ringing' | 'connected' | 'retry_wait';

export interface CallView {
  callId: string;
  queue: string;
  /** Entry into the current queue: overflow and announcements count from here, FIFO orders by it. */
  enteredAt: number;
  /** Arrival order, the last tie-break. */
  seq: number;
  /** 0 normal; higher first. */
  priority: number;
  language: string | null;
  context: Record<string, string>;
  status: CallStatus;
  /** `alerting`: the shell reported the phone ringing (agent.ringing). */
  ringing: { agent: string; since: number; timeoutAt: number; alerting: boolean } | null;
  connected: { agent: string; answeredAt: number } | null;
  /** Agents offered this call in the current round. */
  triedAgents: string[];
  nextAnnounceAt: number | null;
  /** Set once the caller asked to be called back (they left the line, and keep their place). */
  /** `attempts`: calls made to the number; `reached`: the caller answered the current one. */
  callback: { number: string; attempts: number; retryAt: number | null; reached: boolean } | null;
}

export interface AcdSnapshot {
  version: 1;
  lastNow: number;
  seq: number;
  calls: CallView[];
  agents: AgentView[];
  /** Recent handle times per queue, for the expected wait. */
  handleTimes: Record<string, number[]>;
}

export type AcdInput =
  | { type: 'call.enqueued'; callId: string; queue: string; language?: string | null; context?: Record<string, string>; priority?: number }
  | { type: 'call.abandoned'; callId: string }
  | { type: 'call.ended'; callId: string }
  | { type: 'agent.login'; agentId: string }
  | { type: 'agent.logout'; agentId: string }
  | { type: 'agent.pause'; agentId: string; reason: string }
  | { type: 'agent.unpause'; agentId: string }
  | { type: 'agent.registered'; agentId: string; registered: boolean }
  | { type: 'agent.ringing'; callId: string; agentId: string }
  | { type: 'agent.answered'; callId: string; agentId: string }
  | { type: 'agent.rejected'; callId: string; agentId: string }
  | { type: 'callback.requested'; callId: string; number: string }
  | { type: 'callback.result'; callId: string; answered: boolean }
  | { type: 'tick' };

export type AcdAction =
  /** Ring the agent's phone for the call; the core times out at timeoutAt. */
  | { type: 'ring'; callId: string; agentId: string; timeoutAt: number }
  | { type: 'stop_ring'; callId: string; agentId: string }
  /** The agent answered: bridge them. For a callback, `dial` is the number to call into that bridge. */
  | { type: 'connect'; callId: string; agentId: string; dial?: string }
  | { type: 'announce'; callId: string; position: number; expectedWaitMs: number }
  | { type: 'overflow'; callId: string; target: OverflowTarget; context: Record<string, string> }
  /** A callback's turn: ring the agent (until timeoutAt); once they answer, `connect` dials the caller. */
  | { type: 'place_callback'; callId: string; agentId: string; number: string; timeoutAt: number }
  /** The core paused the agent (no answer, rejected): show it on the phone and the panel. */
  | { type: 'pause_agent'; agentId: string; reason: string };

export type AcdEventType =
  | 'queue.entered' | 'queue.abandoned' | 'queue.overflowed'
  | 'agent.offered' | 'agent.ringing' | 'agent.no_answer' | 'agent.answered' | 'agent.wrapup_ended'
  | 'agent.state' | 'agent.state_pending' | 'agent.registration'
  | 'callback.requested' | 'callback.result' | 'callback.failed'
  | 'acd.warning';

/** A journal entry. `callId` null: an agent's own event (state, registration). */
export interface AcdEvent {
  type: AcdEventType;
  at: number;
  callId: string | null;
  data: Record<string, unknown>;
}

export interface AcdOutput {
  actions: AcdAction[];
  events: AcdEvent[];
  /** Call handle({ type: 'tick' }, t) at t; null: nothing is scheduled. */
  nextWakeAt: number | null;
}
