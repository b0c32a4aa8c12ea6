// Micro-benchmark (a script, not a test): the decision "agent becomes free → agent's phone rings",
// timed 100,000 times with 50 agents and 200 calls waiting in 5 queues (skills, levels, languages,
// announcements and overflow timers armed). Each decision is one handle(call.ended) with a zero
// wrap-up: the agent's call ends, they pick the best waiting call across their queues, and the
// core returns the ring. Untimed between decisions: the answer, and a new call to keep 200 waiting.
//   npx tsx app/acd/core/bench.ts
import { AcdCore } from './acd.js';
import { agentConfig, queueConfig } from './config.js';
import { prng } from '../../kpi/test-support.js';
import type { AcdInput } from './types.js';

const AGENTS = 50, WAITING = 200, DECISIONS = 100_000, WARMUP = 10_000, QUEUES = 5;
const LANGS = ['fr', 'ar', 'en'];
const rnd = prng(42);

const queues = Array.from({ length: QUEUES }, (_, i) => queueConfig({
  id: `q${i}`, tenant: 't', line: `line${i}`, skills: [{ name: 'line', value: `line${i}` }], languageSkill: 'lang',
  wrapUpMs: 0, announceEveryMs: 30_000, overflowAfterMs: 3_600_000, overflowTarget: { kind: 'number', number: '+33384961370' },
}));
const agents = Array.from({ length: AGENTS }, (_, i) => agentConfig({
  id: `a${i}`, tenant: 't',
  skills: [
    ...[i % QUEUES, (i + 1) % QUEUES, (i + 2) % QUEUES].map((q) => ({ name: 'line', value: `line${q}`, level: 1 + ((i + q) % 10) })),
    ...LANGS.filter((_, l) => l === 0 || (i + l) % 2 === 0).map((value) => ({ name: 'lang', value, level: 5 })),
  ],
}));

const core = new AcdCore(queues, agents);
let now = 0, n = 0;
const handle = (input: AcdInput): ReturnType<AcdCore['handle']> => core.handle(input, now);
const talking = new Map<string, string>(); // agent → call

/** Rings become answers at once; returns the rings seen. */
function answerRings(out: ReturnType<AcdCore['handle']>): number {
  let rings = 0;
  for (const a of out.actions) {
    if (a.type !== 'ring') continue;
    rings++;
    handle({ type: 'agent.answered', callId: a.callId, agentId: a.agentId });
    talking.set(a.agentId, a.callId);
  }
  return rings;
}
const enqueue = (): number => answerRings(handle({
  type: 'call.enqueued', callId: `c${++n}`, queue: `q${Math.floor(rnd() * QUEUES)}`, language: LANGS[Math.floor(rnd() * 3)] ?? 'fr',
}));

for (const a of agents) {
  handle({ type: 'agent.registered', agentId: a.id, registered: true });
  handle({ type: 'agent.login', agentId: a.id });
}
while (talking.size < AGENTS) enqueue(); // every agent on a call
while (core.queueCalls('q0').length + core.queueCalls('q1').length + core.queueCalls('q2').length
  + core.queueCalls('q3').length + core.queueCalls('q4').length < WAITING) enqueue();

const samples = new Float64Array(DECISIONS);
let misses = 0;
for (let i = 0; i < WARMUP + DECISIONS; i++) {
  now += 1;
  const [agentId, callId] = [...talking][Math.floor(rnd() * talking.size)] ?? ['', ''];
  talking.delete(agentId);
  const t0 = process.hrtime.bigint();
  const out = handle({ type: 'call.ended', callId });
  const t1 = process.hrtime.bigint();
  if (i >= WARMUP) samples[i - WARMUP] = Number(t1 - t0) / 1_000;
  if (answerRings(out) === 0) misses++; // nobody waiting that this agent can take
  while (talking.size < AGENTS && misses < 1e6) if (enqueue() === 0) break;
  let waiting = 0;
  for (let q = 0; q < QUEUES; q++) waiting += core.queueCalls(`q${q}`).length;
  while (waiting++ < WAITING) enqueue();
}

const sorted = [...samples].sort((a, b) => a - b);
const pct = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1);
console.log(`ACD decision (agent free → ring), ${DECISIONS} decisions, ${AGENTS} agents, ~${WAITING} waiting calls in ${QUEUES} queues`);
console.log(`p50 ${pct(50)} µs  p99 ${pct(99)} µs  p99.9 ${pct(99.9)} µs  max ${pct(100)} µs  (decisions without a call to take: ${misses})`);
