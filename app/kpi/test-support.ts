// Builds call timelines for the KPI tests, reading like the call:
//   call().arrive('2026-03-02T09:00:00Z').ivr(3_000).enqueue('technique').answer('a1', 12_000).hangup(90_000)
// Every step's number is the time since the previous event, in ms; events get increasing seqs.
import type { CallEventRecord, CallTimeline } from './types.js';

type CallIds = { callId: string; tenant: string; line: string; did: string };

let nextId = 0;

export class CallBuilder {
  private readonly events: CallEventRecord[] = [];
  private now = 0;
  private queue = '';
  private agent = '';

  constructor(private readonly ids: CallIds) {}

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

export function call(ids: Partial<CallIds> = {}): CallBuilder {
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

export const RANDOM_QUEUES = ['technique', 'commercial', 'entreprise'];
export const RANDOM_LINES = ['technique', 'commercial'];
export const RANDOM_AGENTS = ['a1', 'a2', 'a3'];

export interface RandomCalls {
  timelines: CallTimeline[];
  /** Calls that entered a queue. */
  queued: number;
  ivrAbandons: number;
}

/**
 * `count` random calls arriving in [from, to - 1 h) (ms): IVR abandons, app hang-ups, calls live
 * in the IVR or in a queue, answers, no-answers, transfers, overflows, callbacks; events shuffled.
 * `ids` fixes the tenant and DID, `callId` makes each call's id.
 */
export function randomCalls(seed: number, count: number, opts: { from: number; to: number; ids?: Partial<Omit<CallIds, 'callId' | 'line'>>; callId?: () => string }): RandomCalls {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ms = (max: number): number => Math.floor(rnd() * max);
  const { from, to } = opts;
  let queued = 0, ivrAbandons = 0;
  const timelines: CallTimeline[] = [];
  for (let i = 0; i < count; i++) {
    const ids = { ...opts.ids, line: pick(RANDOM_LINES), ...(opts.callId ? { callId: opts.callId() } : {}) };
    const b = call(ids).arrive(new Date(from + ms(to - from - 3_600_000))).ivr(ms(20_000));
    const r = rnd();
    if (r < 0.1) { ivrAbandons++; timelines.push(b.hangup(ms(3_000)).build()); continue; }
    if (r < 0.13) { timelines.push(b.hangup(ms(3_000), 'app').build()); continue; }
    if (r < 0.15) { timelines.push(b.build()); continue; } // live, still in the IVR
    queued++;
    b.enqueue(pick(RANDOM_QUEUES));
    let live = true;
    for (let visit = 0; visit < 3 && live; visit++) {
      if (rnd() < 0.3) b.offer(pick(RANDOM_AGENTS), ms(2_000)).ring(ms(500));
      if (rnd() < 0.2) b.noAnswer(ms(20_000));
      const o = rnd();
      if (o < 0.45) {
        b.answer(pick(RANDOM_AGENTS), ms(60_000));
        if (rnd() < 0.15) { b.transfer(ms(60_000), 'queue').enqueue(pick(RANDOM_QUEUES)); continue; }
        if (rnd() < 0.5) b.agentHangup(ms(300_000)).wrapUp(ms(60_000)).hangup(0);
        else if (rnd() < 0.9) b.hangup(ms(300_000), pick(['caller', 'app'] as const));
        live = false;
      } else if (o < 0.65) { b.hangup(ms(10_000), 'caller'); live = false; }
      else if (o < 0.7) { b.hangup(ms(60_000), 'app'); live = false; }
      else if (o < 0.8) { b.overflow(90_000, { kind: 'queue', id: 'x' }).enqueue(pick(RANDOM_QUEUES)); }
      else if (o < 0.85) { b.overflow(90_000, { kind: 'number', id: '+33384961370' }).hangup(0, 'app'); live = false; }
      else if (o < 0.95) { b.callback(ms(120_000)).hangup(ms(2_000)); live = false; }
      else live = false; // still waiting: in progress
    }
    const t = b.build();
    timelines.push({ ...t, events: [...t.events].sort(() => rnd() - 0.5) });
  }
  return { timelines, queued, ivrAbandons };
}
