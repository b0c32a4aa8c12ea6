import test from 'ava';
import { Harness, agent, queue } from './test-support.js';
import type { AcdAction } from './types.js';

const announces = (actions: readonly AcdAction[]): [string, number, number][] =>
  actions.flatMap((a) => (a.type === 'announce' ? [[a.callId, a.position, a.expectedWaitMs] as [string, number, number]] : []));

test('given calls waiting with nobody staffed, when time passes, then each hears its position every 30 s from its own entry, with position × default AHT', (t) => {
  const h = new Harness([queue('tech', { announceEveryMs: 30_000, defaultHandleMs: 150_000 })], [agent('a1')]);
  h.enqueue('c1', 'tech', 1_000);
  h.enqueue('c2', 'tech', 5_000);
  const out = h.until(70_000);
  t.deepEqual(announces(out.actions), [['c1', 1, 150_000], ['c2', 2, 300_000], ['c1', 1, 150_000], ['c2', 2, 300_000]]);
  t.deepEqual(h.wakes, [31_000, 35_000, 61_000, 65_000]);
});

test('given handled calls and two staffed agents, when announced, then the expected wait is position × observed AHT / staffed agents', (t) => {
  const h = new Harness([queue('tech', { announceEveryMs: 30_000, wrapUpMs: 10_000 })], [agent('a1'), agent('a2')]);
  h.online('a1', 0);
  h.online('a2', 0);
  h.enqueue('x', 'tech', 0);
  h.enqueue('y', 'tech', 0);
  h.answer('x', 'a1', 1_000);
  h.answer('y', 'a2', 1_000);
  h.send({ type: 'call.ended', callId: 'x' }, 51_000); // handle 50 s + 10 s wrap-up = 60 s
  h.send({ type: 'call.ended', callId: 'y' }, 111_000); // 110 s + 10 s = 120 s
  h.send({ type: 'agent.pause', agentId: 'a1', reason: 'break' }, 200_000);
  h.send({ type: 'agent.pause', agentId: 'a2', reason: 'break' }, 200_000);
  // Both paused: nobody staffed, the AHT observed is (60 + 120) / 2 = 90 s.
  h.enqueue('c1', 'tech', 300_000);
  t.deepEqual(announces(h.until(330_000).actions), [['c1', 1, 90_000]]);
  h.send({ type: 'agent.unpause', agentId: 'a1' }, 331_000); // a1 takes c1
  h.answer('c1', 'a1', 331_500);
  h.send({ type: 'agent.unpause', agentId: 'a2' }, 332_000);
  h.enqueue('c2', 'tech', 333_000); // a2 takes it
  h.answer('c2', 'a2', 333_500);
  h.enqueue('c3', 'tech', 334_000);
  t.deepEqual(announces(h.until(364_000).actions), [['c3', 1, 45_000]], 'two staffed agents: 1 × 90 s / 2');
});

test('given a call ringing an agent at its announcement time, when it falls due, then that announcement is skipped and the next one kept', (t) => {
  const h = new Harness([queue('tech', { announceEveryMs: 30_000, ringTimeoutMs: 20_000 })], [agent('a1')]);
  h.enqueue('c1', 'tech', 0);
  h.online('a1', 25_000); // rings 25 s → 45 s, then a1 is paused no_answer
  t.deepEqual(announces(h.until(60_000).actions), [['c1', 1, 150_000]]);
  t.deepEqual(h.wakes, [30_000, 45_000, 60_000]);
});

test('given a shell that ticks late, when announcements were missed, then the next one keeps the schedule instead of catching up', (t) => {
  const h = new Harness([queue('tech', { announceEveryMs: 30_000 })], []);
  h.enqueue('c1', 'tech', 0);
  const out = h.core.handle({ type: 'tick' }, 95_000);
  t.is(announces(out.actions).length, 1);
  t.is(out.nextWakeAt, 120_000);
});
