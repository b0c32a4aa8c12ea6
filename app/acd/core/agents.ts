// Agents logging in and out, pausing, and their phones registering: the shell's agent inputs
// (feature codes and the REST API alike), and the end of wrap-up.
//
// While ringing, logout and pause take effect at once: the ring stops and the call goes to the next
// agent. During a call they are deferred (`agent.state_pending`) and applied when the wrap-up ends.
// During wrap-up they end it at once; unpause during wrap-up means "ready": it ends wrap-up early.
import { endRing, serveAgent, serveCall } from './dispatch.js';
import { setAgentState, type Agent, type Ctx } from './state.js';
import type { AcdInput, PendingChange } from './types.js';

type AgentInput = Extract<AcdInput, { agentId: string }>;

function find(ctx: Ctx, input: AgentInput): Agent | undefined {
  const agent = ctx.st.agents.get(input.agentId);
  if (!agent) ctx.warn(input.type, 'unknown agent', { agentId: input.agentId });
  return agent;
}

function setPending(ctx: Ctx, agent: Agent, pending: PendingChange | null): void {
  agent.pending = pending;
  ctx.event('agent.state_pending', agent.call, { agent: agent.id, to: pending?.to ?? null, ...(pending?.to === 'paused' ? { reason: pending.reason } : {}) });
}

/** Leaves wrap-up (journalled on the call just handled) for `to`. */
function endWrapUp(ctx: Ctx, agent: Agent, to: 'available' | 'paused' | 'logged_out', reason: string | null, idleSince: number): void {
  ctx.event('agent.wrapup_ended', agent.call, { agent: agent.id });
  agent.pending = null;
  if (to === 'available') agent.idleSince = idleSince;
  setAgentState(ctx, agent, to, reason);
  serveAgent(ctx, agent);
}

/** Stops the agent's ring (the call goes to the next agent), and moves the agent to `to`. */
function leaveRing(ctx: Ctx, agent: Agent, noAnswer: string, to: 'available' | 'paused' | 'logged_out', reason: string | null): void {
  const call = agent.call !== null ? ctx.st.calls.get(agent.call) : undefined;
  if (call) endRing(ctx, call, noAnswer);
  setAgentState(ctx, agent, to, reason);
  if (call) serveCall(ctx, call);
}

export function login(ctx: Ctx, input: Extract<AcdInput, { type: 'agent.login' }>): void {
  const agent = find(ctx, input);
  if (!agent) return;
  if (agent.pending?.to === 'logged_out') return setPending(ctx, agent, null);
  if (agent.state !== 'logged_out') return ctx.warn(input.type, 'already logged in', { agentId: agent.id });
  agent.idleSince = ctx.now;
  setAgentState(ctx, agent, 'available');
  serveAgent(ctx, agent);
}

export function logout(ctx: Ctx, input: Extract<AcdInput, { type: 'agent.logout' }>): void {
  const agent = find(ctx, input);
  if (!agent) return;
  switch (agent.state) {
    case 'logged_out': return ctx.warn(input.type, 'duplicate', { agentId: agent.id });
    case 'ringing': return leaveRing(ctx, agent, 'logged_out', 'logged_out', null);
    case 'on_call':
      if (agent.pending?.to === 'logged_out') return ctx.warn(input.type, 'duplicate', { agentId: agent.id });
      return setPending(ctx, agent, { to: 'logged_out' });
    case 'wrap_up': return endWrapUp(ctx, agent, 'logged_out', null, ctx.now);
    default: return setAgentState(ctx, agent, 'logged_out');
  }
}

export function pause(ctx: Ctx, input: Extract<AcdInput, { type: 'agent.pause' }>): void {
  const agent = find(ctx, input);
  if (!agent) return;
  const reason = input.reason;
  if (typeof reason !== 'string' || reason === '') return ctx.warn(input.type, 'missing reason', { agentId: agent.id });
  switch (agent.state) {
    case 'logged_out': return ctx.warn(input.type, 'not logged in', { agentId: agent.id });
    case 'ringing': return leaveRing(ctx, agent, 'paused', 'paused', reason);
    case 'on_call':
      if (agent.pending?.to === 'paused' && agent.pending.reason === reason) return ctx.warn(input.type, 'duplicate', { agentId: agent.id });
      return setPending(ctx, agent, { to: 'paused', reason });
    case 'wrap_up': return endWrapUp(ctx, agent, 'paused', reason, ctx.now);
    case 'paused':
      if (agent.reason === reason) return ctx.warn(input.type, 'duplicate', { agentId: agent.id });
      return setAgentState(ctx, agent, 'paused', reason);
    case 'available': return setAgentState(ctx, agent, 'paused', reason);
  }
}

export function unpause(ctx: Ctx, input: Extract<AcdInput, { type: 'agent.unpause' }>): void {
  const agent = find(ctx, input);
  if (!agent) return;
  if (agent.state === 'on_call' && agent.pending?.to === 'paused') return setPending(ctx, agent, null);
  if (agent.state === 'wrap_up') return endWrapUp(ctx, agent, 'available', null, ctx.now);
  if (agent.state !== 'paused') return ctx.warn(input.type, agent.state === 'available' ? 'duplicate' : `agent is ${agent.state}`, { agentId: agent.id });
  agent.idleSince = ctx.now;
  setAgentState(ctx, agent, 'available');
  serveAgent(ctx, agent);
}

/** A phone (un)registering. A refresh that changes nothing is silent: phones re-register all day. */
export function registered(ctx: Ctx, input: Extract<AcdInput, { type: 'agent.registered' }>): void {
  const agent = find(ctx, input);
  if (!agent) return;
  if (typeof input.registered !== 'boolean') return ctx.warn(input.type, 'registered must be a boolean', { agentId: agent.id });
  if (agent.registered === input.registered) return;
  agent.registered = input.registered;
  ctx.event('agent.registration', null, { agent: agent.id, registered: agent.registered });
  if (!agent.registered && agent.state === 'ringing') return leaveRing(ctx, agent, 'unregistered', 'available', null);
  serveAgent(ctx, agent);
}

/** The wrap-up timer: the agent becomes available (idle since the exact end of wrap-up), or what they asked for during the call. */
export function wrapUpEnded(ctx: Ctx, agent: Agent, at: number): void {
  if (agent.state !== 'wrap_up') return;
  const p = agent.pending;
  if (p?.to === 'paused') endWrapUp(ctx, agent, 'paused', p.reason, at);
  else endWrapUp(ctx, agent, p?.to ?? 'available', null, at);
}
