// A seeded random run (a failure replays with its seed): calls, agents and phones doing random
// things, duplicates and garbage included, with the invariants checked after every decision and a
// snapshot/restore round trip every 100 steps.
import test, { type ExecutionContext } from 'ava';
import { prng } from '../../kpi/test-support.js';
import { AcdCore } from './acd.js';
import { agent, queue } from './test-support.js';
import type { AcdInput, AcdOutput, AcdSnapshot, AgentConfig, CallView, QueueConfig } from './types.js';

const QUEUES: QueueConfig[] = [
  queue('tech', { languageSkill: 'lang', callbackKey: '1', announceEveryMs: 30_000, overflowTarget: { kind: 'queue', id: 'debord' } }),
  queue('debord', { skills: [{ name: 'line', value: 'debordement' }], overflowAfterMs: 60_000, overflowTarget: { kind: 'number', number: '+33384961370' }, wrapUpMs: 0 }),
  queue('com', { skills: [{ name: 'line', value: 'commercial', minLevel: 3 }], callbackKey: '2', callbackAttempts: 2, callbackRetryMs: 30_000, ringTimeoutMs: 10_000 }),
];
const AGENTS: AgentConfig[] = [
  agent('a1', 5, 'lang=fr:5'), agent('a2', 7, 'lang=ar:4', 'lang=fr:2'), agent('a3', 2, 'lang=fr:9', 'line=commercial:3'),
  agent('a4', 5, 'line=debordement:5'), agent('a5', 1, 'line=commercial:2', 'lang=en:5'), agent('a6', 9, 'lang=ar:9', 'line=debordement:1'),
  agent('a7', 3, 'line=commercial:8'), agent('a8', 4, 'lang=fr:3', 'lang=ar:3', 'lang=en:3', 'line=commercial:4'),
];

function eligible(q: QueueConfig, a: AgentConfig, language: string | null): boolean {
  const has = (name: string, value: string, min: number): boolean => a.skills.some((s) => s.name === name && s.value === value && s.level >= min);
  return a.tenant === q.tenant && q.skills.every((s) => has(s.name, s.value, s.minLevel ?? 1))
    && (q.languageSkill === undefined || language === null || has(q.languageSkill, language, 1));
}

function checkState(t: ExecutionContext, s: AcdSnapshot, core: AcdCore, now: number, next: number | null): void {
  const calls = new Map(s.calls.map((c) => [c.callId, c]));
  for (const a of s.agents) {
    const call = a.call === null ? undefined : calls.get(a.call);
    if (a.state === 'ringing' && call?.ringing?.agent !== a.id) t.fail(`${a.id} rings ${a.call} which does not ring it`);
    if (a.state === 'on_call' && call?.connected?.agent !== a.id) t.fail(`${a.id} on ${a.call} which is not connected to it`);
    if (a.state === 'wrap_up' && !(a.wrapUpUntil !== null && a.wrapUpUntil > now)) t.fail(`${a.id} wrap-up over but still in it`);
    if (['available', 'paused', 'logged_out'].includes(a.state) && a.call !== null) t.fail(`${a.id} ${a.state} holds ${a.call}`);
  }
  const ringing = s.calls.filter((c) => c.status === 'ringing');
  for (const c of ringing) {
    const a = s.agents.find((x) => x.id === c.ringing?.agent);
    if (a?.state !== 'ringing' || a.call !== c.callId) t.fail(`${c.callId} rings ${c.ringing?.agent} who is not ringing it`);
  }
  if (new Set(ringing.map((c) => c.ringing?.agent)).size !== ringing.length) t.fail('an agent rings two calls');
  for (const c of s.calls.filter((x) => x.status === 'waiting')) {
    const q = QUEUES.find((x) => x.id === c.queue) as QueueConfig;
    const free = s.agents.filter((a) => a.state === 'available' && a.registered && eligible(q, AGENTS.find((x) => x.id === a.id) as AgentConfig, c.language));
    if (free.length > 0) t.fail(`${c.callId} waits in ${c.queue} while ${free.map((a) => a.id).join(',')} could take it`);
  }
  for (const q of QUEUES) {
    const expected = s.calls.filter((c) => c.queue === q.id && c.status !== 'connected')
      .sort((a, b) => b.priority - a.priority || a.enteredAt - b.enteredAt || a.seq - b.seq).map((c) => c.callId);
    t.deepEqual(core.queueCalls(q.id), expected, `order of ${q.id}`);
  }
  if (next !== null && next <= now) t.fail(`wake ${next} is not after now ${now}`);
}

function run(t: ExecutionContext, seed: number, steps: number): { ended: number; decisions: number } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  let core = new AcdCore(QUEUES, AGENTS);
  let now = 0, n = 0, decisions = 0, ended = 0;
  const sent: AcdInput[] = [];
  const open = new Map<string, { queue: string; at: number }>(); // queue visits without an outcome yet
  const observe = (out: AcdOutput, at: number): void => {
    decisions++;
    for (const e of out.events) {
      const id = e.callId ?? '';
      const visit = open.get(id);
      const terminal = e.type === 'queue.abandoned' || e.type === 'queue.overflowed' || e.type === 'callback.requested'
        || (e.type === 'agent.answered' && e.data.callback !== true);
      if (e.type === 'queue.entered') {
        if (visit) t.fail(`${id} entered ${String(e.data.queue)} without leaving ${visit.queue}`);
        open.set(id, { queue: String(e.data.queue), at: e.at });
      } else if (terminal) {
        if (!visit) return t.fail(`${id}: ${e.type} without an open queue visit`);
        if (e.type === 'queue.overflowed') {
          const q = QUEUES.find((x) => x.id === visit.queue);
          if (e.at !== visit.at + (q?.overflowAfterMs ?? NaN)) t.fail(`${id} overflowed at ${e.at}, entered ${visit.queue} at ${visit.at}`);
        }
        open.delete(id);
        ended++;
      }
    }
    checkState(t, core.snapshot(), core, at, out.nextWakeAt);
  };
  const send = (input: AcdInput): void => {
    sent.push(input);
    observe(core.handle(input, now), now);
  };
  for (const a of AGENTS) {
    send({ type: 'agent.registered', agentId: a.id, registered: true });
    send({ type: 'agent.login', agentId: a.id });
  }
  for (let step = 0; step < steps; step++) {
    const target = now + Math.floor(rnd() * 2_000);
    for (let w = core.nextWakeAt(); w !== null && w <= target; w = core.nextWakeAt()) observe(core.handle({ type: 'tick' }, (now = w)), w);
    now = target;
    const s = core.snapshot();
    const by = (f: (c: CallView) => boolean): CallView | undefined => pick(s.calls.filter(f));
    const ringing = by((c) => c.status === 'ringing');
    const agentId = pick(AGENTS)?.id ?? '';
    const r = rnd();
    if (r < 0.15) send({ type: 'call.enqueued', callId: `c${++n}`, queue: pick(['tech', 'tech', 'com', 'debord']) ?? 'tech', language: pick(['fr', 'fr', 'ar', 'en', null]) ?? null, priority: rnd() < 0.1 ? 1 : 0 });
    else if (r < 0.35) { if (ringing?.ringing) send({ type: 'agent.answered', callId: ringing.callId, agentId: ringing.ringing.agent }); }
    else if (r < 0.38) { if (ringing?.ringing) send({ type: 'agent.rejected', callId: ringing.callId, agentId: ringing.ringing.agent }); }
    else if (r < 0.42) { if (ringing?.ringing) send({ type: 'agent.ringing', callId: ringing.callId, agentId: ringing.ringing.agent }); }
    else if (r < 0.47) { const c = by((x) => x.status !== 'connected'); if (c) send({ type: 'call.abandoned', callId: c.callId }); }
    else if (r < 0.60) { const c = by((x) => x.status === 'connected'); if (c) send({ type: 'call.ended', callId: c.callId }); }
    else if (r < 0.65) { const c = by((x) => x.status === 'waiting'); if (c) send({ type: 'callback.requested', callId: c.callId, number: '+212600000000' }); }
    else if (r < 0.70) { const c = by((x) => x.status === 'connected' && x.callback !== null); if (c) send({ type: 'callback.result', callId: c.callId, answered: rnd() < 0.5 }); }
    else if (r < 0.78) send({ type: 'agent.login', agentId });
    else if (r < 0.80) send({ type: 'agent.logout', agentId });
    else if (r < 0.83) send({ type: 'agent.pause', agentId, reason: pick(['break', 'training']) ?? 'break' });
    else if (r < 0.90) send({ type: 'agent.unpause', agentId });
    else if (r < 0.95) send({ type: 'agent.registered', agentId, registered: rnd() < 0.8 });
    else if (r < 0.98) { const again = pick(sent); if (again) send(again); }
    else send(pick<AcdInput>([{ type: 'agent.answered', callId: 'zz', agentId }, { type: 'call.ended', callId: `c${n + 7}` }, { type: 'agent.login', agentId: 'zz' }]) ?? { type: 'tick' });
    if (step % 100 === 99) {
      const snap = JSON.parse(JSON.stringify(core.snapshot())) as AcdSnapshot;
      const restored = new AcdCore(QUEUES, AGENTS);
      t.deepEqual(restored.restore(snap), [], 'a clean snapshot restores without warnings');
      t.deepEqual(restored.snapshot(), core.snapshot());
      core = restored;
    }
  }
  const live = core.snapshot().calls.filter((c) => c.status !== 'connected' && c.callback === null).map((c) => c.callId);
  t.deepEqual([...open.keys()].sort(), live.sort(), 'every queue visit ended in exactly one outcome, or is still in its queue');
  return { ended, decisions };
}

test('given a seeded random run of 2,000 steps, when every decision is checked, then the invariants hold', (t) => {
  for (const seed of [1, 7, 2026]) {
    const { ended, decisions } = run(t, seed, 2_000);
    t.true(ended > 200, `seed ${seed}: ${ended} visits ended`);
    t.true(decisions > 1_500, `seed ${seed}: ${decisions} decisions`);
  }
});
