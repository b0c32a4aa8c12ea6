// The core's journal events, fed to the KPI module as they are: the names and payloads must be
// those classifyCall reads.
import test from 'ava';
import { classifyCall } from '../../kpi/classify.js';
import type { CallEventRecord, CallTimeline } from '../../kpi/types.js';
import { Harness, agent, queue } from './test-support.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function timeline(h: Harness, callId: string, hangupAt?: number): CallTimeline {
  const events: CallEventRecord[] = h.events.filter((e) => e.callId === callId)
    .map((e, i) => ({ type: e.type, at: new Date(T0 + e.at), seq: i + 1, data: e.data }));
  if (hangupAt !== undefined) events.push({ type: 'call.hangup', at: new Date(T0 + hangupAt), seq: events.length + 1, data: { by: 'caller' } });
  return { callId, tenant: 'habitat', line: 'technique', did: '33384000001', events };
}

test('given a call that times out on one agent and is answered by the next, when classified, then attempts, wait, talk and wrap-up follow', (t) => {
  const h = new Harness([queue('tech', { wrapUpMs: 30_000 })], [agent('a1'), agent('a2')]);
  h.online('a1', 0);
  h.online('a2', 1);
  h.enqueue('c1', 'tech', 1_000);
  h.send({ type: 'agent.ringing', callId: 'c1', agentId: 'a1' }, 1_200);
  h.answer('c1', 'a2', 20_000);
  h.send({ type: 'call.ended', callId: 'c1' }, 80_000);
  h.until(110_000);
  const c = classifyCall(timeline(h, 'c1', 80_000));
  const v = c.visits[0];
  t.like(v, { queue: 'tech', priority: 0, waitMs: 19_000, outcome: { kind: 'answered', agent: 'a2' } });
  t.deepEqual(v?.attempts.map((a) => [a.agent, a.result, a.ringingAt?.getTime() ?? null]), [['a1', 'no-answer', T0 + 1_200], ['a2', 'answered', null]]);
  t.deepEqual(v?.talk?.wrapUpEndedAt, new Date(T0 + 110_000));
});

test('given an overflow to another queue and one to a number, when classified, then each visit ends overflowed to its target', (t) => {
  const h = new Harness([
    queue('tech', { overflowTarget: { kind: 'queue', id: 'debord' } }),
    queue('debord', { overflowTarget: { kind: 'number', number: '+33384961370' }, overflowAfterMs: 30_000 }),
  ], []);
  h.enqueue('c1', 'tech', 0);
  h.until(200_000);
  const c = classifyCall(timeline(h, 'c1', 120_000));
  t.deepEqual(c.visits.map((v) => [v.queue, v.outcome.kind, v.waitMs, v.priority]), [['tech', 'overflowed', 90_000, 0], ['debord', 'overflowed', 30_000, 10]]);
  t.like(c.visits[1]?.outcome, { target: { kind: 'number', id: '+33384961370' } });
});

test('given a callback request, when classified, then the visit ends as a callback with the number', (t) => {
  const h = new Harness([queue('tech', { callbackKey: '1' })], []);
  h.enqueue('c1', 'tech', 0);
  h.send({ type: 'callback.requested', callId: 'c1', number: '+212600000000' }, 42_000);
  const c = classifyCall(timeline(h, 'c1', 43_000));
  t.like(c.visits[0], { waitMs: 42_000, outcome: { kind: 'callback', number: '+212600000000' } });
});
