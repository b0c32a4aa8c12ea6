// The core's state as plain JSON, and back. The shell keeps a snapshot (or rebuilds one from
// Asterisk's channels and bridges) and restores it after a restart; timers are re-derived from the
// state, so they fire exactly as they would have. A snapshot must have the right shape (the shell
// builds it: a bad one is a bug, and throws); what no longer matches the configuration (a queue or
// agent removed since) is dropped or repaired, each with an acd.warning.
import { z } from 'zod';
import { HANDLE_WINDOW, insertCall, syncCallTimers, type Agent, type Call, type State } from './state.js';
import type { AcdEvent, AcdSnapshot, AgentView, CallView } from './types.js';

export function agentView(a: Agent): AgentView {
  return {
    id: a.id, state: a.state, reason: a.reason, registered: a.registered, idleSince: a.idleSince, since: a.since,
    call: a.call, wrapUpUntil: a.wrapUpUntil, pending: a.pending ? { ...a.pending } : null,
  };
}

export function callView(c: Call): CallView {
  return {
    callId: c.callId, queue: c.queue, enteredAt: c.enteredAt, seq: c.seq, priority: c.priority, language: c.language,
    context: { ...c.context }, status: c.status, ringing: c.ringing ? { ...c.ringing } : null,
    connected: c.connected ? { ...c.connected } : null, triedAgents: [...c.tried], nextAnnounceAt: c.nextAnnounceAt,
    callback: c.callback ? { ...c.callback } : null,
  };
}

export function takeSnapshot(st: State): AcdSnapshot {
  const handleTimes: Record<string, number[]> = {};
  for (const [id, q] of st.queues) handleTimes[id] = [...q.handleTimes];
  return {
    version: 1, lastNow: Number.isFinite(st.lastNow) ? st.lastNow : 0, seq: st.seq,
    calls: [...st.calls.values()].sort((a, b) => a.seq - b.seq).map(callView),
    agents: [...st.agents.values()].map(agentView),
    handleTimes,
  };
}

const time = z.number().finite();
const SnapshotSchema = z.object({
  version: z.literal(1),
  lastNow: time,
  seq: z.number().int().min(0),
  calls: z.array(z.object({
    callId: z.string().min(1), queue: z.string(), enteredAt: time, seq: z.number().int(), priority: time,
    language: z.string().nullable(), context: z.record(z.string(), z.string()),
    status: z.enum(['waiting', 'ringing', 'connected', 'retry_wait']),
    ringing: z.object({ agent: z.string(), since: time, timeoutAt: time, alerting: z.boolean() }).nullable(),
    connected: z.object({ agent: z.string(), answeredAt: time }).nullable(),
    triedAgents: z.array(z.string()), nextAnnounceAt: time.nullable(),
    callback: z.object({ number: z.string(), attempts: z.number().int().min(0), retryAt: time.nullable(), reached: z.boolean() }).nullable(),
  })),
  agents: z.array(z.object({
    id: z.string(), state: z.enum(['logged_out', 'available', 'ringing', 'on_call', 'wrap_up', 'paused']),
    reason: z.string().nullable(), registered: z.boolean(), idleSince: time, since: time, call: z.string().nullable(),
    wrapUpUntil: time.nullable(),
    pending: z.union([z.object({ to: z.literal('logged_out') }), z.object({ to: z.literal('paused'), reason: z.string() })]).nullable(),
  })),
  handleTimes: z.record(z.string(), z.array(time)),
});

/** Loads a snapshot into a freshly built state (every agent logged out, no call); returns the warnings. */
export function loadSnapshot(st: State, input: unknown): AcdEvent[] {
  const snap = SnapshotSchema.parse(input);
  const warnings: AcdEvent[] = [];
  const warn = (reason: string, callId: string | null, agent?: string): void => {
    warnings.push({ type: 'acd.warning', at: snap.lastNow, callId, data: { input: 'restore', reason, ...(agent ? { agent } : {}) } });
  };
  st.lastNow = snap.lastNow;
  st.seq = snap.seq;
  for (const a of snap.agents) {
    const agent = st.agents.get(a.id);
    if (!agent) { warn('unknown agent dropped', a.call, a.id); continue; }
    Object.assign(agent, a, { pending: a.pending ? { ...a.pending } : null });
  }
  for (const c of snap.calls) {
    const q = st.queues.get(c.queue);
    if (!q) { warn(`unknown queue "${c.queue}": call dropped`, c.callId); continue; }
    if (st.calls.has(c.callId)) { warn('duplicate call dropped', c.callId); continue; }
    const { triedAgents, ...rest } = c;
    const call: Call = { ...rest, context: { ...c.context }, tried: new Set(triedAgents), ringing: c.ringing ? { ...c.ringing } : null,
      connected: c.connected ? { ...c.connected } : null, callback: c.callback ? { ...c.callback } : null };
    const ringAgent = call.ringing ? st.agents.get(call.ringing.agent) : undefined;
    if (call.status === 'ringing' && (ringAgent?.state !== 'ringing' || ringAgent.call !== call.callId)) {
      warn('ringing an agent who is not ringing it: waits again', call.callId, call.ringing?.agent);
      call.status = 'waiting';
      call.ringing = null;
    }
    if (call.status !== 'ringing') call.ringing = null;
    const talkAgent = call.connected ? st.agents.get(call.connected.agent) : undefined;
    if (call.status === 'connected' && (talkAgent?.state !== 'on_call' || talkAgent.call !== call.callId)) {
      warn('connected to an agent who is not on it: dropped', call.callId, call.connected?.agent);
      continue;
    }
    st.calls.set(call.callId, call);
    if (call.status !== 'connected') insertCall(q, call);
    st.seq = Math.max(st.seq, call.seq);
  }
  for (const agent of st.agents.values()) repairAgent(st, agent, warn);
  for (const [id, times] of Object.entries(snap.handleTimes)) {
    const q = st.queues.get(id);
    if (q) q.handleTimes = times.slice(-HANDLE_WINDOW);
  }
  for (const call of st.calls.values()) syncCallTimers(st, call);
  st.dispatchAll = true;
  return warnings;
}

/** An agent ringing or on a call the snapshot does not hold is made available; wrap-up timers are re-armed. */
function repairAgent(st: State, agent: Agent, warn: (reason: string, callId: string | null, agent?: string) => void): void {
  const call = agent.call !== null ? st.calls.get(agent.call) : undefined;
  const holds = agent.state === 'ringing' ? call?.ringing?.agent === agent.id
    : agent.state === 'on_call' ? call?.connected?.agent === agent.id : true;
  if (!holds) {
    warn(`${agent.state} on a call the snapshot does not hold: available`, agent.call, agent.id);
    Object.assign(agent, { state: 'available', reason: null, call: null, pending: null });
  }
  if (agent.state === 'wrap_up') st.timers.set('wrap', agent.id, agent.wrapUpUntil ?? st.lastNow);
  if (agent.state !== 'wrap_up') agent.wrapUpUntil = null;
}
