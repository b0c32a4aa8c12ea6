import test from 'ava';
import { FlowsSchema } from './schema.js';
import { type FlowContext, validateFlows } from './validate.js';

const known = new Set(['welcome', 'recording-notice', 'menu', 'invalid-key', 'no-input', 'goodbye', 'language-menu']);
const ctx: FlowContext = {
  languages: ['fr', 'en'],
  entries: ['main'],
  hasPrompt: (name) => known.has(name),
  calendars: new Set(['hours']),
  queues: new Set(['q1']),
};

function flows(steps: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return FlowsSchema.parse({ main: { start: 'a', steps }, ...extra });
}

const good = {
  a: { type: 'announce', prompt: ['welcome', 'recording-notice'], next: 'rec' },
  rec: { type: 'record', next: 'm' },
  m: { type: 'menu', prompt: 'menu', options: { 1: 'q', 9: 'm' }, onTimeout: 'q', onInvalid: 'bye', onMaxLoops: 'q' },
  q: { type: 'queue', queue: 'q1' },
  bye: { type: 'hangup', prompt: 'goodbye' },
};

test('given a correct flow, when validated, then there is no problem', (t) => {
  t.deepEqual(validateFlows(flows(good), ctx), []);
});

test('given an unknown prompt, when validated, then the problem names the flow and the step', (t) => {
  const problems = validateFlows(flows({ ...good, bye: { type: 'hangup', prompt: 'au-revoir' } }), ctx);
  t.deepEqual(problems, ['flow main, step bye: unknown prompt "au-revoir" (no recording for fr, en)']);
});

test('given a step nothing leads to, when validated, then it is named as unreachable', (t) => {
  const problems = validateFlows(flows({ ...good, orphan: { type: 'hangup' } }), ctx);
  t.deepEqual(problems, ['flow main, step orphan: can never be reached']);
});

test('given a loop with no exit, when validated, then each step of it is named', (t) => {
  const problems = validateFlows(flows({
    ...good,
    m: { type: 'menu', prompt: 'menu', options: { 1: 'x' }, onTimeout: 'x', onInvalid: 'x', onMaxLoops: 'x' },
    x: { type: 'announce', prompt: 'welcome', next: 'm' },
  }), ctx);
  t.true(problems.includes('flow main, step m: is in a loop with no exit (no path to a queue, a hang-up or another flow)'), problems.join('\n'));
  t.true(problems.includes('flow main, step x: is in a loop with no exit (no path to a queue, a hang-up or another flow)'));
});

test('given announcements that lead back to each other, when validated, then the loop without a menu is refused', (t) => {
  const problems = validateFlows(flows({
    ...good,
    rec: { type: 'record', next: 'c' },
    c: { type: 'calendar', calendar: 'hours', open: 'm', closed: 'y' },
    y: { type: 'announce', prompt: 'welcome', next: 'c' },
  }), ctx);
  t.true(problems.some((p) => p.startsWith('flow main, step y: loops back to itself without a menu')), problems.join('\n'));
});

test('given a recording before the notice, when validated, then it is refused', (t) => {
  const problems = validateFlows(flows({ ...good, a: { type: 'announce', prompt: 'welcome', next: 'rec' } }), ctx);
  t.deepEqual(problems, ['flow main, step rec: starts recording on a path where the caller has not heard "recording-notice"']);
});

test('given references to things that do not exist, when validated, then each is named', (t) => {
  const problems = validateFlows(flows({
    ...good,
    m: { type: 'menu', prompt: 'menu', options: { 1: 'nowhere', 2: 'g', 3: 'c' }, onTimeout: 'q', onInvalid: 'bye', onMaxLoops: 'q' },
    g: { type: 'goto', flow: 'missing' },
    c: { type: 'calendar', calendar: 'nope', open: 'q', closed: 'q' },
    q: { type: 'queue', queue: 'q9' },
  }), ctx);
  t.true(problems.includes('flow main, step m: leads to step "nowhere", which does not exist'));
  t.true(problems.includes('flow main, step g: goes to flow "missing", which does not exist'));
  t.true(problems.includes('flow main, step c: unknown calendar "nope"'));
  t.true(problems.includes('flow main, step q: unknown queue "q9"'));
});
