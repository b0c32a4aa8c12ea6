// Builds call timelines for the KPI tests, reading like the call:
//   call().arrive('2026-03-02T09:00:00Z').ivr(3_000).enqueue('technique').answer('a1', 12_000).hangup(90_000)
// Every step's number is the time since the previous event, in ms; events get increasing seqs.
import type { CallEventRecord, CallTimeline } from './types.js';

let nextId = 0;

export class CallBuilder {
  private readonly events: CallEventRecord[] = [];
  private now = 0;
  private queue = '';
  private agent = '';

  constructor(private readonly ids: { callId: string; tenant: string; line: string; did: string }) {}

  /** Any event, `after` ms after the previous one. */
  event(type: string, after = 0, data: Record<string, unknown> = {}): this {
    this.now += after;
    this.events.push({ type, at: new Date(this.now), seq: this.events.length + 1, data });
    return this;
  }

  arrive(at: string | Date): this {
    this.now = new Date(at).getTime();
    return this.event('call.arrived', 0, { did: this.ids.did, line: this.ids.line }).event('call.answered');
  }

  /** Time spent in the IVR (welcome message, menus), ending with the IVR's queue step. */
  ivr(ms: number): this {
    return this.event('ivr.announce', 0, { prompt: 'welcome' }).event('ivr.menu', ms, { loop: 1 });
  }

  enqueue(queue: string, after = 0, extra: Record<string, unknown> = {}): this {
    this.queue = queue;
    return this.event('queue.entered', after, { queue, ...extra });
  }

  offer(agent: string, after = 0): this {
    this.agent = agent;
    return this.event('agent.offered', after, { queue: this.queue, agent });
  }

  ring(after = 0): this {
    return this.event('agent.ringing', after, { queue: this.queue, agent: this.agent });
  }

  noAnswer(after: number): this {
    return this.event('agent.no_answer', after, { queue: this.queue, agent: this.agent });
  }

  answer(agent: string, after: number): this {
    this.agent = agent;
    return this.event('agent.answered', after, { queue: this.queue, agent });
  }

  overflow(after: number, target: { kind: 'queue' | 'number'; id: string }): this {
    return this.event('queue.overflowed', after, { queue: this.queue, target });
  }

  callback(after: number, number = '+33384000000'): this {
    return this.event('callback.requested', after, { queue: this.queue, number });
  }

  transfer(after: number, to: string): this {
    return this.event('call.transferred', after, { by: this.agent, to });
  }

  agentHangup(after: number): this {
    return this.event('agent.hangup', after, { agent: this.agent });
  }

  hangup(after: number, by: 'caller' | 'app' = 'caller'): this {
    return this.event('call.hangup', after, { by, cause: 16 });
  }

  wrapUp(after: number): this {
    return this.event('agent.wrapup_ended', after, { agent: this.agent });
  }

  build(): CallTimeline {
    return { ...this.ids, events: [...this.events] };
  }
}

export function call(ids: Partial<{ callId: string; tenant: string; line: string; did: string }> = {}): CallBuilder {
  nextId += 1;
  return new CallBuilder({ callId: `call-${nextId}`, tenant: 'habitat70', line: 'technique', did: '+33384000001', ...ids });
}

/** A deterministic PRNG (mulberry32) for the property tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
