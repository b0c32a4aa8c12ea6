// The ACD's functional core: a deterministic state machine with no I/O, no timers and no clock.
// The shell feeds it inputs with the current time and carries out the actions it returns; timers
// come back as nextWakeAt, and the shell calls handle({ type: 'tick' }, t) then.
//
// Each handle(input, now): timers already due fire first (they happened before the input), then
// the input applies, then timers it made due (a zero wrap-up) fire. Time never goes back: a `now`
// before the previous one is taken as the previous one. Bad input from outside (unknown ids,
// duplicates, wrong state) never throws: it is ignored with an acd.warning event. A bad
// configuration (duplicate ids, an unknown or cross-tenant overflow queue) throws at construction.
import * as agents from './agents.js';
import * as callbacks from './callbacks.js';
import { answered, enqueue, gone, rejected, ringing } from './calls.js';
import { fireDue } from './clock.js';
import { serveAll } from './dispatch.js';
import { queueLevel } from './selection.js';
import { agentView, callView, loadSnapshot, takeSnapshot } from './snapshot.js';
import { Ctx, State, type Agent, type Queue } from './state.js';
import type { AcdEvent, AcdInput, AcdOutput, AcdSnapshot, AgentConfig, AgentView, CallView, QueueConfig } from './types.js';

export class AcdCore {
  private st: State;

  constructor(private readonly queueConfigs: readonly QueueConfig[], private readonly agentConfigs: readonly AgentConfig[]) {
    this.st = buildState(queueConfigs, agentConfigs);
  }

  handle(input: AcdInput, now: number): AcdOutput {
    const st = this.st;
    if (!Number.isFinite(now)) {
      return { actions: [], events: [{ type: 'acd.warning', at: st.lastNow, callId: null, data: { input: typeName(input), reason: 'invalid time' } }], nextWakeAt: st.timers.next() };
    }
    st.lastNow = Math.max(now, st.lastNow);
    const ctx = new Ctx(st, st.lastNow);
    fireDue(ctx);
    if (st.dispatchAll) {
      st.dispatchAll = false;
      serveAll(ctx);
    }
    apply(ctx, input);
    fireDue(ctx);
    return { actions: ctx.actions, events: ctx.events, nextWakeAt: st.timers.next() };
  }

  /** The whole state as plain JSON. */
  snapshot(): AcdSnapshot {
    return takeSnapshot(this.st);
  }

  /**
   * Replaces the state with a snapshot; returns warnings for what no longer matches the configuration.
   * Call handle({ type: 'tick' }, now) next: due timers fire and every waiting call is matched again.
   */
  restore(snapshot: AcdSnapshot): AcdEvent[] {
    const st = buildState(this.queueConfigs, this.agentConfigs);
    const warnings = loadSnapshot(st, snapshot);
    this.st = st;
    return warnings;
  }

  agent(id: string): AgentView | undefined {
    const a = this.st.agents.get(id);
    return a && agentView(a);
  }

  call(id: string): CallView | undefined {
    const c = this.st.calls.get(id);
    return c && callView(c);
  }

  /** The calls in a queue (waiting, ringing, callbacks), in the order they will be served. */
  queueCalls(queue: string): string[] {
    return this.st.queue(queue).calls.map((c) => c.callId);
  }

  nextWakeAt(): number | null {
    return this.st.timers.next();
  }
}

function typeName(input: unknown): string {
  const t = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof t === 'string' ? t : 'unknown';
}

function apply(ctx: Ctx, input: AcdInput): void {
  if (typeof input !== 'object' || input === null) return ctx.warn('unknown', 'not an input');
  switch (input.type) {
    case 'call.enqueued': return enqueue(ctx, input);
    case 'call.abandoned': case 'call.ended': return gone(ctx, input);
    case 'agent.login': return agents.login(ctx, input);
    case 'agent.logout': return agents.logout(ctx, input);
    case 'agent.pause': return agents.pause(ctx, input);
    case 'agent.unpause': return agents.unpause(ctx, input);
    case 'agent.registered': return agents.registered(ctx, input);
    case 'agent.ringing': return ringing(ctx, input);
    case 'agent.answered': return answered(ctx, input);
    case 'agent.rejected': return rejected(ctx, input);
    case 'callback.requested': return callbacks.requested(ctx, input);
    case 'callback.result': return callbacks.result(ctx, input);
    case 'tick': return;
    default: return ctx.warn(typeName(input), 'unknown input type');
  }
}

/** Queues and agents from the configuration, every agent logged out and unregistered; throws on a bad configuration. */
export function buildState(queues: readonly QueueConfig[], agentConfigs: readonly AgentConfig[]): State {
  const st = new State();
  for (const config of queues) {
    if (st.queues.has(config.id)) throw new Error(`ACD: duplicate queue "${config.id}"`);
    st.queues.set(config.id, { config, agents: [], calls: [], handleTimes: [] });
  }
  for (const { config } of st.queues.values()) {
    const t = config.overflowTarget;
    if (t?.kind !== 'queue') continue;
    const to = st.queues.get(t.id);
    if (!to || t.id === config.id) throw new Error(`ACD: queue "${config.id}" overflows to ${to ? 'itself' : `unknown queue "${t.id}"`}`);
    if (to.config.tenant !== config.tenant) throw new Error(`ACD: queue "${config.id}" overflows to queue "${t.id}" of another tenant`);
  }
  for (const config of agentConfigs) {
    if (st.agents.has(config.id)) throw new Error(`ACD: duplicate agent "${config.id}"`);
    const agent: Agent = {
      id: config.id, config, queues: [], state: 'logged_out', reason: null, registered: false,
      idleSince: 0, since: 0, call: null, wrapUpUntil: null, pending: null,
    };
    st.agents.set(config.id, agent);
    for (const queue of st.queues.values()) link(queue, agent);
  }
  return st;
}

function link(queue: Queue, agent: Agent): void {
  const level = queueLevel(queue.config, agent.config);
  if (level === null) return;
  queue.agents.push({ agent, level });
  agent.queues.push({ queue, level });
}
