// A fake clock around the core for the tests: time is a number the test moves; `until(t)` ticks at
// every nextWakeAt up to t, exactly when the core asked, and records each wake.
import { AcdCore } from './acd.js';
import { agentConfig, queueConfig } from './config.js';
import type { AcdAction, AcdEvent, AcdInput, AcdOutput, AgentConfig, QueueConfig } from './types.js';

export const TENANT = 'habitat';

export function queue(id: string, over: Partial<QueueConfig> = {}): QueueConfig {
  return queueConfig({ id, tenant: TENANT, line: 'technique', skills: [{ name: 'line', value: 'technique' }], announceEveryMs: 0, ...over });
}

/** An agent with the technique line at `level`, plus any other skills given as name=value:level. */
export function agent(id: string, level = 5, ...more: string[]): AgentConfig {
  const skills = [{ name: 'line', value: 'technique', level }];
  for (const m of more) {
    const [nv = '', l = '5'] = m.split(':');
    const [name = '', value = ''] = nv.split('=');
    skills.push({ name, value, level: Number(l) });
  }
  return agentConfig({ id, tenant: TENANT, skills });
}

export class Harness {
  readonly core: AcdCore;
  now = 0;
  readonly actions: AcdAction[] = [];
  readonly events: AcdEvent[] = [];
  readonly wakes: number[] = [];

  constructor(queues: QueueConfig[], agents: AgentConfig[]) {
    this.core = new AcdCore(queues, agents);
  }

  /** Sends an input at `at` (default: now), after ticking every wake before it. */
  send(input: AcdInput, at = this.now): AcdOutput {
    this.until(at, false);
    return this.record(this.core.handle(input, at));
  }

  /** Ticks at every wake up to `t` (included unless `inclusive` is false), then sets the clock to t. */
  until(t: number, inclusive = true): AcdOutput {
    const all: AcdOutput = { actions: [], events: [], nextWakeAt: null };
    for (let w = this.core.nextWakeAt(); w !== null && (inclusive ? w <= t : w < t); w = this.core.nextWakeAt()) {
      if (w < this.now) throw new Error(`wake ${w} is in the past (now ${this.now})`);
      this.wakes.push(w);
      const out = this.record(this.core.handle({ type: 'tick' }, w));
      all.actions.push(...out.actions);
      all.events.push(...out.events);
    }
    this.now = Math.max(this.now, t);
    all.nextWakeAt = this.core.nextWakeAt();
    return all;
  }

  /** Registers the agent's phone and logs them in at `at`. */
  online(agentId: string, at = this.now): AcdOutput {
    this.send({ type: 'agent.registered', agentId, registered: true }, at);
    return this.send({ type: 'agent.login', agentId }, at);
  }

  enqueue(callId: string, queueId: string, at = this.now, extra: Partial<Extract<AcdInput, { type: 'call.enqueued' }>> = {}): AcdOutput {
    return this.send({ type: 'call.enqueued', callId, queue: queueId, ...extra }, at);
  }

  answer(callId: string, agentId: string, at = this.now): AcdOutput {
    return this.send({ type: 'agent.answered', callId, agentId }, at);
  }

  private record(out: AcdOutput): AcdOutput {
    this.now = Math.max(this.now, ...out.events.map((e) => e.at));
    this.actions.push(...out.actions);
    this.events.push(...out.events);
    return out;
  }
}

export function rings(actions: readonly AcdAction[]): string[] {
  return actions.flatMap((a) => (a.type === 'ring' || a.type === 'place_callback' ? [`${a.callId}->${a.agentId}`] : []));
}

export function types(items: readonly { type: string }[]): string[] {
  return items.map((i) => i.type);
}

export function warnings(events: readonly AcdEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'acd.warning' ? [String(e.data.reason)] : []));
}
