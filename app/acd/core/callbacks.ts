// In-queue callback. The caller asks for it while waiting (the queue must offer a callback key),
// confirms a number and leaves the line; the call keeps its place (its entry time and priority) and
// no longer overflows or hears announcements. When its turn comes and an agent is free, the agent
// is rung first (`place_callback`, with the usual ring time-out and no-answer pause); once they
// answer, `connect` carries the number the shell dials into the agent's bridge, and the shell reports
// `callback.result`. A caller who does not answer is called again after callbackRetryMs, with the
// queue's callbackBoost added to the priority, up to callbackAttempts calls; then `callback.failed`.
import { serveAgent, serveCall } from './dispatch.js';
import { forgetCall, insertCall, setAgentState, syncCallTimers, type Call, type Ctx } from './state.js';
import type { AcdInput } from './types.js';

const NUMBER = /^\+?[0-9]{3,20}$/;

export function requested(ctx: Ctx, input: Extract<AcdInput, { type: 'callback.requested' }>): void {
  const call = ctx.st.calls.get(input.callId);
  const warn = (reason: string): void => ctx.warn(input.type, reason, { callId: input.callId });
  if (!call) return warn('unknown call');
  if (typeof input.number !== 'string' || !NUMBER.test(input.number)) return warn('invalid number');
  const q = ctx.st.queue(call.queue).config;
  if (q.callbackKey === undefined) return warn(`queue "${q.id}" offers no callback`);
  if (call.callback) return warn(call.callback.number === input.number ? 'duplicate' : 'callback already requested');
  if (call.status !== 'waiting') return warn(`call is ${call.status}: an agent is about to take it`);
  call.callback = { number: input.number, attempts: 0, retryAt: null, reached: false };
  call.nextAnnounceAt = null;
  syncCallTimers(ctx.st, call);
  ctx.event('callback.requested', call.callId, { queue: q.id, number: input.number, waitMs: ctx.now - call.enteredAt });
}

export function result(ctx: Ctx, input: Extract<AcdInput, { type: 'callback.result' }>): void {
  const { st } = ctx;
  const call = st.calls.get(input.callId);
  const warn = (reason: string): void => ctx.warn(input.type, reason, { callId: input.callId });
  if (!call?.callback) return warn(call ? 'not a callback' : 'unknown call');
  const cb = call.callback;
  if (call.status !== 'connected' || !call.connected || cb.reached) return warn(cb.reached ? 'duplicate' : `callback is ${call.status}`);
  if (typeof input.answered !== 'boolean') return warn('answered must be a boolean');
  cb.attempts += 1;
  const q = st.queue(call.queue).config;
  ctx.event('callback.result', call.callId, { queue: q.id, agent: call.connected.agent, number: cb.number, answered: input.answered, attempt: cb.attempts });
  if (input.answered) {
    cb.reached = true;
    return;
  }
  // The caller was not reached: the agent is free again, and the callback waits for another try.
  const agent = st.agents.get(call.connected.agent);
  call.connected = null;
  if (agent?.state === 'on_call' && agent.call === call.callId) {
    const p = agent.pending; // a logout or pause asked for during the attempt applies now: no wrap-up
    agent.pending = null;
    agent.idleSince = ctx.now;
    setAgentState(ctx, agent, p?.to ?? 'available', p?.to === 'paused' ? p.reason : null);
  }
  if (cb.attempts >= q.callbackAttempts) {
    forgetCall(st, call);
    ctx.event('callback.failed', call.callId, { queue: q.id, number: cb.number, attempts: cb.attempts });
  } else {
    call.status = 'retry_wait';
    call.priority += q.callbackBoost;
    cb.retryAt = ctx.now + q.callbackRetryMs;
    insertCall(st.queue(q.id), call);
    syncCallTimers(st, call);
  }
  serveAgent(ctx, agent);
}

/** The retry delay is over: the callback waits for an agent again, at its place. */
export function retryDue(ctx: Ctx, call: Call): void {
  if (call.status !== 'retry_wait' || !call.callback) return;
  call.status = 'waiting';
  call.callback.retryAt = null;
  call.tried.clear();
  syncCallTimers(ctx.st, call);
  serveCall(ctx, call);
}
