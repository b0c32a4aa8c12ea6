// The core's live state (queues, agents, calls, timers) and the per-input context that collects
// actions and events. Every other module changes the state through these helpers, so that queue
// order, timers and agent-state events stay consistent.
import { Timers } from './timers.js';
import type {
  AcdAction, AcdEvent, AcdEventType, AgentConfig, AgentStatus, AgentView, CallView, QueueConfig,
} from './types.js';

export interface Call extends Omit<CallView, 'triedAgents'> { tried: Set<string> }

export interface Agent extends AgentView {
  config: AgentConfig;
  /** Queues whose skills (and tenant) this agent has, with the agent's level sum on them. */
  queues: { queue: Queue; level: number }[];
}

export interface Queue {
  config: QueueConfig;
  /** Agents with this queue's tenant and skills, with their level sum on its skills. */
  agents: { agent: Agent; level: number }[];
  /** Calls in the queue (waiting, ringing, callbacks), best first: priority, then entry, then arrival. */
  calls: Call[];
  /** The most recent handle times (answer → end of wrap-up), at most HANDLE_WINDOW. */
  handleTimes: number[];
}

export const HANDLE_WINDOW = 50;

export class State {
  readonly queues = new Map<string, Queue>();
  readonly agents = new Map<string, Agent>();
  readonly calls = new Map<string, Call>();
  readonly timers = new Timers();
  seq = 0;
  lastNow = Number.NEGATIVE_INFINITY;
  /** Set by restore: the next input re-matches every waiting call. */
  dispatchAll = false;

  queue(id: string): Queue {
    const q = this.queues.get(id);
    if (!q) throw new Error(`ACD: unknown queue "${id}"`);
    return q;
  }
}

export class Ctx {
  readonly actions: AcdAction[] = [];
  readonly events: AcdEvent[] = [];

  constructor(readonly st: State, readonly now: number) {}

  act(action: AcdAction): void {
    this.actions.push(action);
  }

  event(type: AcdEventType, callId: string | null, data: Record<string, unknown>): void {
    this.events.push({ type, at: this.now, callId, data });
  }

  /** An input the core ignores: unknown call or agent, duplicate, or wrong state. */
  warn(input: string, reason: string, ids: { callId?: string; agentId?: string } = {}): void {
    this.event('acd.warning', ids.callId ?? null, { input, reason, ...(ids.agentId !== undefined ? { agent: ids.agentId } : {}) });
  }
}

/** Negative when a should be served before b. */
export function callOrder(a: Call, b: Call): number {
  return b.priority - a.priority || a.enteredAt - b.enteredAt || a.seq - b.seq;
}

export function insertCall(q: Queue, call: Call): void {
  let lo = 0, hi = q.calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (callOrder(q.calls[mid] as Call, call) <= 0) lo = mid + 1;
    else hi = mid;
  }
  q.calls.splice(lo, 0, call);
}

export function removeCall(q: Queue, call: Call): void {
  const i = q.calls.indexOf(call);
  if (i >= 0) q.calls.splice(i, 1);
}

/** Moves the agent to a state, with an agent.state event when state or reason changes. */
export function setAgentState(ctx: Ctx, agent: Agent, to: AgentStatus, reason: string | null = null): void {
  const from = agent.state;
  if (from === to && agent.reason === reason) return;
  agent.state = to;
  agent.reason = reason;
  agent.since = ctx.now;
  if (to !== 'wrap_up') agent.wrapUpUntil = null;
  if (to === 'available' || to === 'logged_out' || to === 'paused') agent.call = null;
  if (to === 'wrap_up' && agent.wrapUpUntil !== null) ctx.st.timers.set('wrap', agent.id, agent.wrapUpUntil);
  else ctx.st.timers.clear('wrap', agent.id);
  ctx.event('agent.state', null, { agent: agent.id, from, to, ...(reason !== null ? { reason } : {}) });
}

/** Arms exactly the timers the call's state calls for, and clears the others. */
export function syncCallTimers(st: State, call: Call): void {
  const t = st.timers;
  const q = st.queue(call.queue).config;
  const known = st.calls.get(call.callId) === call;
  const onLine = known && (call.status === 'waiting' || call.status === 'ringing') && call.callback === null;
  if (known && call.status === 'ringing' && call.ringing) t.set('ring', call.callId, call.ringing.timeoutAt);
  else t.clear('ring', call.callId);
  if (onLine && q.overflowTarget) t.set('overflow', call.callId, call.enteredAt + q.overflowAfterMs);
  else t.clear('overflow', call.callId);
  if (onLine && call.nextAnnounceAt !== null) t.set('announce', call.callId, call.nextAnnounceAt);
  else t.clear('announce', call.callId);
  if (known && call.status === 'retry_wait' && call.callback?.retryAt != null) t.set('retry', call.callId, call.callback.retryAt);
  else t.clear('retry', call.callId);
}

/** The call leaves the core (answered calls leave their queue on answer, and the core at call end). */
export function forgetCall(st: State, call: Call): void {
  removeCall(st.queue(call.queue), call);
  st.calls.delete(call.callId);
  syncCallTimers(st, call);
}
