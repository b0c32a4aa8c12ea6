// Calls entering, being answered and leaving: the shell's call inputs.
import { endRing, pauseForNoAnswer, releaseAgent, serveAgent, serveCall } from './dispatch.js';
import {
  HANDLE_WINDOW, forgetCall, insertCall, removeCall, setAgentState, syncCallTimers, type Call, type Ctx, type Queue,
} from './state.js';
import type { AcdInput } from './types.js';

type In<T extends AcdInput['type']> = Extract<AcdInput, { type: T }>;

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function enqueue(ctx: Ctx, input: In<'call.enqueued'>): void {
  const { st } = ctx;
  const q = typeof input.queue === 'string' ? st.queues.get(input.queue) : undefined;
  if (typeof input.callId !== 'string' || input.callId === '') return ctx.warn(input.type, 'missing callId');
  if (!q) return ctx.warn(input.type, `unknown queue "${String(input.queue)}"`, { callId: input.callId });
  const existing = st.calls.get(input.callId);
  if (existing) return ctx.warn(input.type, existing.queue === q.config.id ? 'duplicate' : `already in queue "${existing.queue}"`, { callId: input.callId });
  const call: Call = {
    callId: input.callId, queue: q.config.id, enteredAt: ctx.now, seq: ++st.seq,
    priority: typeof input.priority === 'number' && Number.isFinite(input.priority) ? input.priority : 0,
    language: typeof input.language === 'string' && input.language !== '' ? input.language : null,
    context: stringRecord(input.context), status: 'waiting', ringing: null, connected: null,
    tried: new Set(), nextAnnounceAt: null, callback: null,
  };
  enterQueue(ctx, call, q, null);
}

/** The call starts waiting in `q` (on arrival or overflow): FIFO from now, announcements from now. */
export function enterQueue(ctx: Ctx, call: Call, q: Queue, from: string | null): void {
  const cfg = q.config;
  call.queue = cfg.id;
  call.enteredAt = ctx.now;
  call.status = 'waiting';
  call.tried.clear();
  call.nextAnnounceAt = cfg.announceEveryMs > 0 ? ctx.now + cfg.announceEveryMs : null;
  ctx.st.calls.set(call.callId, call);
  insertCall(q, call);
  ctx.event('queue.entered', call.callId, {
    queue: cfg.id, priority: call.priority, language: call.language, serviceLevelMs: cfg.serviceLevelMs,
    ...(from !== null ? { overflowFrom: from } : {}),
  });
  syncCallTimers(ctx.st, call);
  serveCall(ctx, call);
}

/**
 * The caller's line is gone (`call.abandoned`) or the talk is over (`call.ended`). Both are read
 * leniently, since the shell may only see a hang-up: waiting or ringing, the call is abandoned;
 * connected, the agent goes to wrap-up. A callback not yet connected ignores both: its caller left
 * the line on purpose.
 */
export function gone(ctx: Ctx, input: In<'call.abandoned'> | In<'call.ended'>): void {
  const call = ctx.st.calls.get(input.callId);
  if (!call) return ctx.warn(input.type, 'unknown call', { callId: input.callId });
  if (call.status === 'connected') return endTalk(ctx, call);
  if (call.callback) return ctx.warn(input.type, 'callback pending: the caller has already left the line', { callId: call.callId });
  const agent = endRing(ctx, call, null);
  forgetCall(ctx.st, call);
  ctx.event('queue.abandoned', call.callId, { queue: call.queue, waitMs: ctx.now - call.enteredAt });
  releaseAgent(ctx, agent);
  serveAgent(ctx, agent);
}

function endTalk(ctx: Ctx, call: Call): void {
  const q = ctx.st.queue(call.queue);
  forgetCall(ctx.st, call);
  const agent = call.connected ? ctx.st.agents.get(call.connected.agent) : undefined;
  if (!agent || agent.state !== 'on_call' || agent.call !== call.callId) return;
  const wrapUpUntil = ctx.now + q.config.wrapUpMs;
  if (call.connected) q.handleTimes.push(wrapUpUntil - call.connected.answeredAt);
  if (q.handleTimes.length > HANDLE_WINDOW) q.handleTimes.shift();
  agent.wrapUpUntil = wrapUpUntil;
  setAgentState(ctx, agent, 'wrap_up');
}

/** The agent took the call: `connect` (for a callback, with the number to dial). A repeat changes nothing. */
export function answered(ctx: Ctx, input: In<'agent.answered'>): void {
  const { st } = ctx;
  const call = st.calls.get(input.callId), agent = st.agents.get(input.agentId);
  if (!call || !agent) return ctx.warn(input.type, call ? 'unknown agent' : 'unknown call', ids(input));
  if (call.connected?.agent === agent.id) return ctx.warn(input.type, 'duplicate', ids(input));
  if (call.ringing?.agent !== agent.id) {
    // Too late (the ring timed out) or never offered: the shell hangs up that agent's leg.
    ctx.act({ type: 'stop_ring', callId: call.callId, agentId: agent.id });
    return ctx.warn(input.type, 'call not offered to this agent', ids(input));
  }
  const q = st.queue(call.queue);
  call.ringing = null;
  call.status = 'connected';
  call.connected = { agent: agent.id, answeredAt: ctx.now };
  removeCall(q, call);
  syncCallTimers(st, call);
  setAgentState(ctx, agent, 'on_call');
  agent.call = call.callId;
  const waitMs = ctx.now - call.enteredAt;
  ctx.event('agent.answered', call.callId, {
    queue: q.config.id, agent: agent.id, waitMs, serviceLevelMs: q.config.serviceLevelMs,
    withinServiceLevel: waitMs <= q.config.serviceLevelMs, ...(call.callback ? { callback: true } : {}),
  });
  ctx.act({ type: 'connect', callId: call.callId, agentId: agent.id, ...(call.callback ? { dial: call.callback.number } : {}) });
}

/** The shell saw the agent's phone ringing: journal it once, for the offer still in progress. */
export function ringing(ctx: Ctx, input: In<'agent.ringing'>): void {
  const call = ctx.st.calls.get(input.callId);
  if (!call || call.ringing?.agent !== input.agentId) return ctx.warn(input.type, 'call not ringing this agent', ids(input));
  if (call.ringing.alerting) return ctx.warn(input.type, 'duplicate', ids(input));
  call.ringing.alerting = true;
  ctx.event('agent.ringing', call.callId, { queue: call.queue, agent: input.agentId });
}

/** The agent declined (or their phone answered busy): paused 'rejected', and the next agent is tried. */
export function rejected(ctx: Ctx, input: In<'agent.rejected'>): void {
  const call = ctx.st.calls.get(input.callId);
  if (!call || call.ringing?.agent !== input.agentId) return ctx.warn(input.type, 'call not ringing this agent', ids(input));
  const agent = endRing(ctx, call, 'rejected');
  pauseForNoAnswer(ctx, agent, 'rejected');
  serveCall(ctx, call);
}

/** The ring time-out: the agent is paused 'no_answer' and the next agent is tried. */
export function ringTimeout(ctx: Ctx, call: Call): void {
  const agent = endRing(ctx, call, 'timeout');
  pauseForNoAnswer(ctx, agent, 'no_answer');
  serveCall(ctx, call);
}

function ids(input: { callId: string; agentId: string }): { callId: string; agentId: string } {
  return { callId: input.callId, agentId: input.agentId };
}
