import test from 'ava';
import { AcdCore } from './acd.js';
import { Harness, agent, queue, rings, warnings } from './test-support.js';
import type { AcdInput, AcdSnapshot } from './types.js';

const QUEUES = [
  queue('tech', { callbackKey: '1', announceEveryMs: 30_000, overflowTarget: { kind: 'queue', id: 'debord' } }),
  queue('debord', { skills: [] }),
];
const AGENTS = [agent('a1'), agent('a2'), agent('a3')];

/** A call ringing a1, one connected to a2 with a pending pause, a callback and a3 in wrap-up. */
function midRing(): Harness {
  const h = new Harness(QUEUES, AGENTS);
  for (const id of ['a1', 'a2', 'a3']) h.online(id, 0);
  h.enqueue('w', 'tech', 500);
  h.answer('w', 'a3', 600);
  h.send({ type: 'call.ended', callId: 'w' }, 5_000);
  h.enqueue('talk', 'tech', 1_000 + 5_000);
  h.answer('talk', 'a1', 7_000);
  h.send({ type: 'agent.pause', agentId: 'a1', reason: 'break' }, 7_500);
  h.enqueue('ring', 'tech', 8_000, { priority: 2, language: 'fr', context: { caseId: 'K-1' } });
  h.enqueue('cb', 'tech', 8_100);
  h.send({ type: 'callback.requested', callId: 'cb', number: '+33600000000' }, 9_000);
  h.send({ type: 'agent.ringing', callId: 'ring', agentId: 'a2' }, 9_100);
  return h;
}

test('given a core mid-ring, when its JSON snapshot is restored into a new core, then the state, the wake and what follows are identical', (t) => {
  const original = midRing();
  t.like(original.core.call('ring'), { status: 'ringing', ringing: { agent: 'a2', timeoutAt: 23_000 } });
  const snap = JSON.parse(JSON.stringify(original.core.snapshot())) as AcdSnapshot;
  const restored = new AcdCore(QUEUES, AGENTS);
  t.deepEqual(restored.restore(snap), []);
  t.deepEqual(restored.snapshot(), original.core.snapshot());
  t.is(restored.nextWakeAt(), original.core.nextWakeAt());
  const script: [AcdInput, number][] = [
    [{ type: 'tick' }, 15_000], [{ type: 'tick' }, 23_000], [{ type: 'call.ended', callId: 'talk' }, 24_000],
    [{ type: 'tick' }, 38_000], [{ type: 'agent.unpause', agentId: 'a2' }, 40_000], [{ type: 'tick' }, 98_000],
  ];
  for (const [input, at] of script) t.deepEqual(restored.handle(input, at), original.core.handle(input, at), `${input.type} at ${at}`);
});

test('given a restored snapshot whose ring has timed out meanwhile, when the shell ticks, then the time-out fires at once', (t) => {
  const h = midRing();
  const restored = new AcdCore(QUEUES, AGENTS);
  restored.restore(h.core.snapshot());
  const out = restored.handle({ type: 'tick' }, 30_000);
  t.deepEqual(out.actions.filter((a) => a.type === 'stop_ring' && a.callId === 'ring'), [{ type: 'stop_ring', callId: 'ring', agentId: 'a2' }]);
  t.like(restored.agent('a2'), { state: 'paused', reason: 'no_answer' });
});

test('given a snapshot rebuilt from Asterisk with a waiting call and a free agent, when restored, then the next tick matches them', (t) => {
  const h = new Harness(QUEUES, AGENTS);
  h.enqueue('c1', 'tech', 1_000);
  const snap = h.core.snapshot();
  const a1 = snap.agents.find((a) => a.id === 'a1');
  if (a1) Object.assign(a1, { state: 'available', registered: true, idleSince: 0 });
  const restored = new AcdCore(QUEUES, AGENTS);
  restored.restore(snap);
  t.deepEqual(rings(restored.handle({ type: 'tick' }, 2_000).actions), ['c1->a1']);
});

test('given a snapshot naming a removed queue and agent, or a ring the agent does not hold, when restored, then each is dropped or repaired with a warning', (t) => {
  const snap = midRing().core.snapshot();
  snap.agents.push({ ...snap.agents[0]!, id: 'gone' });
  snap.calls.push({ ...snap.calls[0]!, callId: 'old', queue: 'closed' });
  const a2 = snap.agents.find((a) => a.id === 'a2');
  if (a2) Object.assign(a2, { state: 'available', call: null });
  const restored = new AcdCore(QUEUES, AGENTS);
  t.deepEqual(warnings(restored.restore(snap)), ['unknown agent dropped', 'ringing an agent who is not ringing it: waits again', 'unknown queue "closed": call dropped']);
  t.like(restored.call('ring'), { status: 'waiting', ringing: null });
  t.deepEqual(rings(restored.handle({ type: 'tick' }, 9_200).actions), ['ring->a2']);
});

test('given a malformed snapshot, when restored, then it throws (the shell built it: a bug) and the state is untouched', (t) => {
  const h = midRing();
  const before = h.core.snapshot();
  t.throws(() => h.core.restore({ ...before, calls: [{ callId: 'x' }] } as unknown as AcdSnapshot));
  t.deepEqual(h.core.snapshot(), before);
});
