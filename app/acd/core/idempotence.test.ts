import test from 'ava';
import { Harness, agent, queue, warnings } from './test-support.js';
import type { AcdEvent, AcdInput } from './types.js';

function busy(): Harness {
  const h = new Harness([queue('tech', { callbackKey: '1' })], [agent('a1'), agent('a2')]);
  h.online('a1', 0);
  h.online('a2', 0);
  h.enqueue('c1', 'tech', 1_000);
  h.answer('c1', 'a1', 2_000);
  h.enqueue('c2', 'tech', 3_000);
  h.send({ type: 'agent.ringing', callId: 'c2', agentId: 'a2' }, 3_100);
  h.enqueue('c3', 'tech', 4_000);
  return h;
}

const repeats: [string, AcdInput, string][] = [
  ['answer', { type: 'agent.answered', callId: 'c1', agentId: 'a1' }, 'duplicate'],
  ['enqueue', { type: 'call.enqueued', callId: 'c3', queue: 'tech', language: 'fr', context: {} }, 'duplicate'],
  ['login', { type: 'agent.login', agentId: 'a2' }, 'already logged in'],
  ['ringing', { type: 'agent.ringing', callId: 'c2', agentId: 'a2' }, 'duplicate'],
];

for (const [name, input, reason] of repeats) {
  test(`given a state after a reconnect, when a duplicate ${name} arrives, then it is ignored with a warning and changes nothing`, (t) => {
    const h = busy();
    const before = h.core.snapshot();
    const out = h.send(input, 4_000);
    t.deepEqual(warnings(out.events), [reason]);
    t.deepEqual(out.actions, []);
    t.deepEqual(h.core.snapshot(), before);
  });
}

test('given inputs about unknown calls and agents, or malformed ones, when handled, then nothing throws and each is one warning', (t) => {
  const h = busy();
  const before = h.core.snapshot();
  const bad: unknown[] = [
    { type: 'agent.answered', callId: 'nope', agentId: 'a1' },
    { type: 'agent.answered', callId: 'c3', agentId: 'ghost' },
    { type: 'agent.rejected', callId: 'c3', agentId: 'a1' },
    { type: 'call.abandoned', callId: 'nope' },
    { type: 'call.ended' },
    { type: 'agent.pause', agentId: 'ghost', reason: 'x' },
    { type: 'agent.pause', agentId: 'a1', reason: '' },
    { type: 'agent.registered', agentId: 'a1', registered: 'yes' },
    { type: 'agent.unpause', agentId: 'a1' },
    { type: 'call.enqueued', callId: 'c9', queue: 'nope' },
    { type: 'call.enqueued', queue: 'tech' },
    { type: 'callback.requested', callId: 'nope', number: '+33600000000' },
    { type: 'callback.result', callId: 'c3', answered: true },
    { type: 'dance' },
    null,
  ];
  for (const input of bad) {
    let events: AcdEvent[] = [];
    t.notThrows(() => { events = h.core.handle(input as AcdInput, 4_000).events; });
    t.is(warnings(events).length, 1, JSON.stringify(input));
  }
  t.deepEqual(h.core.snapshot(), before);
  t.deepEqual(warnings(h.core.handle({ type: 'tick' }, Number.NaN).events), ['invalid time']);
});

test('given a second logout, pause or unpause, when handled, then it is a duplicate and the first one stands', (t) => {
  const h = new Harness([queue('tech')], [agent('a1')]);
  h.online('a1', 0);
  h.send({ type: 'agent.pause', agentId: 'a1', reason: 'break' }, 10);
  t.deepEqual(warnings(h.send({ type: 'agent.pause', agentId: 'a1', reason: 'break' }, 11).events), ['duplicate']);
  t.like(h.send({ type: 'agent.pause', agentId: 'a1', reason: 'training' }, 12).events[0], { type: 'agent.state', data: { from: 'paused', to: 'paused', reason: 'training' } });
  h.send({ type: 'agent.unpause', agentId: 'a1' }, 13);
  t.deepEqual(warnings(h.send({ type: 'agent.unpause', agentId: 'a1' }, 14).events), ['duplicate']);
  h.send({ type: 'agent.logout', agentId: 'a1' }, 15);
  t.deepEqual(warnings(h.send({ type: 'agent.logout', agentId: 'a1' }, 16).events), ['duplicate']);
  t.like(h.core.agent('a1'), { state: 'logged_out', since: 15 });
});

test('given a clock that goes back, when an input arrives, then the core keeps its latest time', (t) => {
  const h = new Harness([queue('tech')], [agent('a1')]);
  h.online('a1', 0);
  h.core.handle({ type: 'call.enqueued', callId: 'c1', queue: 'tech' }, 10_000);
  const out = h.core.handle({ type: 'agent.rejected', callId: 'c1', agentId: 'a1' }, 9_000);
  t.true(out.events.every((e) => e.at === 10_000));
  t.is(h.core.call('c1')?.enteredAt, 10_000);
});

test('given the same inputs, when replayed on a fresh core, then the outputs are identical', (t) => {
  const run = (): unknown[] => {
    const h = busy();
    h.until(60_000);
    h.send({ type: 'call.ended', callId: 'c1' }, 61_000);
    h.until(120_000);
    return [h.actions, h.events, h.core.snapshot()];
  };
  t.deepEqual(run(), run());
});
