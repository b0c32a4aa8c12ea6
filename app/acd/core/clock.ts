// What happens when a timer falls due: ring time-outs, overflows, announcements, callback retries
// and the end of wrap-up. The shell calls handle({ type: 'tick' }, t) at the nextWakeAt the core
// returned; every due timer fires, in (time, kind, id) order, with its own due time.
//
// Overflow fires at exactly enteredAt + overflowAfterMs, even while an agent's phone rings for the
// call: the contract measures the overflow to the 100 ms. The ring stops and that agent, not to
// blame, is free again and keeps their place in line; the attempt counts as cancelled, not as a
// no-answer.
import { wrapUpEnded } from './agents.js';
import { retryDue } from './callbacks.js';
import { enterQueue, ringTimeout } from './calls.js';
import { endRing, releaseAgent, serveAgent } from './dispatch.js';
import { expectedWaitMs, position } from './selection.js';
import { forgetCall, removeCall, syncCallTimers, type Call, type Ctx } from './state.js';

export function fireDue(ctx: Ctx): void {
  const { st } = ctx;
  for (let due = st.timers.pop(ctx.now); due; due = st.timers.pop(ctx.now)) {
    if (due.kind === 'wrap') {
      const agent = st.agents.get(due.id);
      if (agent) wrapUpEnded(ctx, agent, due.at);
      continue;
    }
    const call = st.calls.get(due.id);
    if (!call) continue;
    switch (due.kind) {
      case 'ring': ringTimeout(ctx, call); break;
      case 'overflow': overflow(ctx, call); break;
      case 'announce': announce(ctx, call, due.at); break;
      case 'retry': retryDue(ctx, call); break;
    }
  }
}

function overflow(ctx: Ctx, call: Call): void {
  const { st } = ctx;
  const from = st.queue(call.queue);
  const target = from.config.overflowTarget;
  if (!target || call.callback || (call.status !== 'waiting' && call.status !== 'ringing')) return;
  const agent = endRing(ctx, call, null);
  releaseAgent(ctx, agent);
  ctx.event('queue.overflowed', call.callId, {
    queue: from.config.id, waitMs: ctx.now - call.enteredAt,
    target: target.kind === 'queue' ? { kind: 'queue', id: target.id } : { kind: 'number', id: target.number },
  });
  ctx.act({ type: 'overflow', callId: call.callId, target, context: { ...call.context } });
  if (target.kind === 'queue') {
    const to = st.queue(target.id);
    removeCall(from, call);
    call.priority += to.config.overflowBoost;
    enterQueue(ctx, call, to, from.config.id);
  } else {
    forgetCall(st, call);
  }
  serveAgent(ctx, agent);
}

/** Position and expected wait, on the schedule enteredAt + k × announceEveryMs; skipped while an agent's phone rings. */
function announce(ctx: Ctx, call: Call, at: number): void {
  const q = ctx.st.queue(call.queue);
  const every = q.config.announceEveryMs;
  if (call.callback || every <= 0) return;
  if (call.status === 'waiting') {
    const pos = position(q, call);
    ctx.act({ type: 'announce', callId: call.callId, position: pos, expectedWaitMs: expectedWaitMs(q, pos) });
  }
  // Late ticks skip the announcements they missed rather than playing them back to back.
  call.nextAnnounceAt = at + every * (Math.floor((ctx.now - at) / every) + 1);
  syncCallTimers(ctx.st, call);
}
