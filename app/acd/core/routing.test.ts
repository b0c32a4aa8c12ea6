import test from 'ava';
import { Harness, agent, queue, rings } from './test-support.js';
import { agentConfig } from './config.js';

test('given agents logged in at different times, when a call arrives, then the longest idle agent with the skills rings', (t) => {
  const h = new Harness([queue('tech', { skills: [{ name: 'line', value: 'technique', minLevel: 3 }] })],
    [agent('a1', 5), agent('a2', 5), agent('low', 2), agentConfig({ id: 'other', tenant: 'habitat', skills: [] })]);
  h.online('low', 0);
  h.online('other', 0);
  h.online('a2', 1_000);
  h.online('a1', 2_000);
  t.deepEqual(rings(h.enqueue('c1', 'tech', 5_000).actions), ['c1->a2'], 'a2 idle since 1 s; low lacks level 3, other lacks the skill');
  t.deepEqual(rings(h.enqueue('c2', 'tech', 5_001).actions), ['c2->a1']);
  t.deepEqual(rings(h.enqueue('c3', 'tech', 5_002).actions), [], 'nobody else has the skills');
});

test('given agents idle since the same instant, when a call arrives, then the higher level wins, then the id', (t) => {
  const h = new Harness([queue('tech')], [agent('b', 4), agent('c', 9), agent('a', 9)]);
  for (const id of ['b', 'c', 'a']) h.online(id, 0);
  t.deepEqual(rings(h.enqueue('c1', 'tech', 10).actions), ['c1->a']);
  t.deepEqual(rings(h.enqueue('c2', 'tech', 10).actions), ['c2->c']);
  t.deepEqual(rings(h.enqueue('c3', 'tech', 10).actions), ['c3->b']);
});

test('given another tenant\'s agent with the same skills, when a call arrives, then that agent is never rung', (t) => {
  const h = new Harness([queue('tech')], [agentConfig({ id: 'x', tenant: 'energie', skills: [{ name: 'line', value: 'technique', level: 9 }] })]);
  h.online('x', 0);
  t.deepEqual(rings(h.enqueue('c1', 'tech', 1).actions), []);
});

test('given a queue routing by language, when an Arabic call arrives, then only an Arabic-speaking agent rings', (t) => {
  const h = new Harness([queue('tech', { languageSkill: 'lang' })], [agent('fr', 5, 'lang=fr:8'), agent('ar', 5, 'lang=ar:3')]);
  h.online('fr', 0);
  h.online('ar', 1);
  t.deepEqual(rings(h.enqueue('c1', 'tech', 5, { language: 'ar' }).actions), ['c1->ar']);
  t.deepEqual(rings(h.enqueue('c2', 'tech', 6, { language: 'ar' }).actions), [], 'the French speaker is free but cannot take it');
  t.deepEqual(rings(h.enqueue('c3', 'tech', 7, { language: 'fr' }).actions), ['c3->fr']);
});

test('given calls waiting with different priorities, when agents free up, then the highest priority goes first, then FIFO', (t) => {
  const h = new Harness([queue('tech')], [agent('a1'), agent('a2'), agent('a3')]);
  h.enqueue('first', 'tech', 0);
  h.enqueue('second', 'tech', 1_000);
  h.enqueue('urgent', 'tech', 2_000, { priority: 5 });
  t.deepEqual(h.core.queueCalls('tech'), ['urgent', 'first', 'second']);
  t.deepEqual(rings(h.online('a1', 3_000).actions), ['urgent->a1']);
  t.deepEqual(rings(h.online('a2', 3_001).actions), ['first->a2']);
  t.deepEqual(rings(h.online('a3', 3_002).actions), ['second->a3']);
});

test('given an agent serving two queues, when they become free, then they take the best call across both: priority, then oldest', (t) => {
  const h = new Harness([queue('tech'), queue('com', { skills: [{ name: 'line', value: 'commercial' }] })],
    [agent('a1', 5, 'line=commercial:5')]);
  h.enqueue('tech-old', 'tech', 0);
  h.enqueue('com-older', 'com', 500);
  h.enqueue('com-new', 'com', 2_000);
  h.enqueue('tech-prio', 'tech', 3_000, { priority: 1 });
  t.deepEqual(rings(h.online('a1', 4_000).actions), ['tech-prio->a1']);
  h.answer('tech-prio', 'a1', 4_100);
  h.send({ type: 'call.ended', callId: 'tech-prio' }, 5_000);
  t.deepEqual(rings(h.until(15_000).actions), ['tech-old->a1'], 'equal priority: tech-old entered at 0, before com-older');
});

test('given an unregistered phone, when a call arrives, then it is skipped until it registers', (t) => {
  const h = new Harness([queue('tech')], [agent('a1'), agent('a2')]);
  h.send({ type: 'agent.login', agentId: 'a1' }, 0); // logged in, phone not registered
  h.online('a2', 1_000);
  t.deepEqual(rings(h.enqueue('c1', 'tech', 2_000).actions), ['c1->a2']);
  t.deepEqual(rings(h.enqueue('c2', 'tech', 2_001).actions), []);
  const out = h.send({ type: 'agent.registered', agentId: 'a1', registered: true }, 3_000);
  t.deepEqual(rings(out.actions), ['c2->a1']);
  t.like(out.events.find((e) => e.type === 'agent.registration'), { data: { agent: 'a1', registered: true } });
});

test('given a call ringing, when the phone is seen ringing, then agent.ringing is journalled once for that offer', (t) => {
  const h = new Harness([queue('tech')], [agent('a1')]);
  h.online('a1', 0);
  const offered = h.enqueue('c1', 'tech', 10);
  t.like(offered.events.find((e) => e.type === 'agent.offered'), { callId: 'c1', data: { queue: 'tech', agent: 'a1' } });
  t.like(offered.events.find((e) => e.type === 'queue.entered'), { data: { queue: 'tech', priority: 0, serviceLevelMs: 20_000 } });
  const ringing = h.send({ type: 'agent.ringing', callId: 'c1', agentId: 'a1' }, 40);
  t.deepEqual(ringing.events.map((e) => [e.type, e.at]), [['agent.ringing', 40]]);
  t.deepEqual(h.send({ type: 'agent.ringing', callId: 'c1', agentId: 'a1' }, 41).events.map((e) => e.data.reason), ['duplicate']);
});
