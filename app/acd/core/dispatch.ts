// Matching calls and agents, and the ring that ties them. Dispatch is targeted: a call that starts
// waiting looks for a free agent (O(agents of its queue)); an agent who becomes free looks for a
// waiting call (O(their queues + waiting calls)). Together they keep the invariant that, after each
// input, no call waits while a free agent could take it.
import { isFree, pickAgent, pickCall } from './selection.js';
import { callOrder, setAgentState, syncCallTimers, type Agent, type Call, type Ctx } from './state.js';

/** Offers the call to the agent: `ring` (or `place_callback` for a callback), with the ring time-out armed. */
export function offer(ctx: Ctx, call: Call, agent: Agent): void {
  const q = ctx.st.queue(call.queue).config;
  if (call.tried.has(agent.id)) call.tried.clear(); // every other agent has been tried: a new round
  call.tried.add(agent.id);
  const timeoutAt = ctx.now + q.ringTimeoutMs;
  call.status = 'ringing';
  call.ringing = { agent: agent.id, since: ctx.now, timeoutAt, alerting: false };
  setAgentState(ctx, agent, 'ringing');
  agent.call = call.callId;
  ctx.event('agent.offered', call.callId, { queue: q.id, agent: agent.id, ...(call.callback ? { callback: true } : {}) });
  if (call.callback) ctx.act({ type: 'place_callback', callId: call.callId, agentId: agent.id, number: call.callback.number, timeoutAt });
  else ctx.act({ type: 'ring', callId: call.callId, agentId: agent.id, timeoutAt });
  syncCallTimers(ctx.st, call);
}

/** A waiting call looks for a free agent. */
export function serveCall(ctx: Ctx, call: Call): void {
  if (call.status !== 'waiting' || ctx.st.calls.get(call.callId) !== call) return;
  const agent = pickAgent(ctx.st.queue(call.queue), call);
  if (agent) offer(ctx, call, agent);
}

/** A free agent looks for a waiting call. */
export function serveAgent(ctx: Ctx, agent: Agent | null | undefined): void {
  if (!agent || !isFree(agent)) return;
  const call = pickCall(agent);
  if (call) offer(ctx, call, agent);
}

/** Every waiting call, best first across queues, looks for an agent (after a restore). */
export function serveAll(ctx: Ctx): void {
  const waiting = [...ctx.st.calls.values()].filter((c) => c.status === 'waiting').sort(callOrder);
  for (const call of waiting) serveCall(ctx, call);
}

/**
 * Ends the call's ring: `stop_ring`, and `agent.no_answer` with `noAnswer` as its reason when the
 * agent did not take the offer (time-out, rejected, paused, logged out, phone gone). The call waits
 * again; the caller decides what the agent becomes. Returns the agent that was rung.
 */
export function endRing(ctx: Ctx, call: Call, noAnswer: string | null): Agent | null {
  const ring = call.ringing;
  if (!ring) return null;
  call.ringing = null;
  call.status = 'waiting';
  ctx.act({ type: 'stop_ring', callId: call.callId, agentId: ring.agent });
  if (noAnswer !== null) ctx.event('agent.no_answer', call.callId, { queue: call.queue, agent: ring.agent, reason: noAnswer });
  syncCallTimers(ctx.st, call);
  const agent = ctx.st.agents.get(ring.agent) ?? null;
  if (agent?.call === call.callId) agent.call = null;
  return agent;
}

/** The ring ended through no fault of the agent (the call left or was moved): they are free again, still first in line. */
export function releaseAgent(ctx: Ctx, agent: Agent | null): void {
  if (agent?.state === 'ringing') setAgentState(ctx, agent, 'available');
}

/** The agent did not take the offer and is paused for it (no answer, rejected): `pause_agent` tells the phone and the panel. */
export function pauseForNoAnswer(ctx: Ctx, agent: Agent | null, reason: string): void {
  if (agent?.state !== 'ringing') return;
  setAgentState(ctx, agent, 'paused', reason);
  ctx.act({ type: 'pause_agent', agentId: agent.id, reason });
}
