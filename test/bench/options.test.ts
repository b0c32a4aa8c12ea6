// The bench's command line.
import test from 'ava';
import { parseOptions } from './options.js';

test('given no flags, when parsed, then both targets, every phase, and agents enough for the largest level', (t) => {
  const o = parseOptions([], 2);
  if (o === 'help') return t.fail();
  t.is(o.only, undefined);
  t.deepEqual(o.phases, ['acd', 'latency', 'rate', 'overload', 'concurrency']);
  t.is(o.agents, Math.max(...o.concurrency.levels));
  t.true(o.media);
  t.like(o, { idleSeconds: 5, journalWaitSeconds: 30, overload: { factor: 2, seconds: 10, cps: undefined } });
  t.deepEqual(o.sippCpus, [1], 'SIPp on the last of 2 CPUs');
  t.deepEqual((parseOptions([], 1) as typeof o).sippCpus, [], 'one CPU: SIPp not pinned');
});

test('given the honest-harness flags, when parsed, then they apply, and SIPp is never given every CPU', (t) => {
  const o = parseOptions(['--sipp-cpus', '2,3', '--idle-seconds', '3', '--journal-wait-seconds', '10', '--overload-factor', '3', '--overload-seconds', '5',
    '--overload-cps', '40'], 4);
  if (o === 'help') return t.fail();
  t.like(o, { idleSeconds: 3, journalWaitSeconds: 10, overload: { factor: 3, seconds: 5, cps: 40 } });
  t.deepEqual(o.sippCpus, [2, 3]);
  t.deepEqual((parseOptions(['--sipp-cpus', 'none'], 2) as typeof o).sippCpus, []);
  t.throws(() => parseOptions(['--sipp-cpus', '0,1'], 2), { message: /leaves no CPU to the server alone/ });
  t.throws(() => parseOptions(['--sipp-cpus', '2'], 2), { message: /among 0\.\.1/ });
  t.throws(() => parseOptions(['--sipp-cpus', 'x'], 2), { message: /--sipp-cpus/ });
  t.throws(() => parseOptions(['--overload-factor', '1.5']), { message: /at least twice/ });
});

test('given flags, when parsed, then they apply', (t) => {
  const o = parseOptions(['--only', 'peer', '--phases', 'acd,rate', '--levels', '10,20', '--rates', '1,2.5', '--no-media', '--refine', '0',
    '--ours-keys', '2,1', '--ours-skills', '[{"name":"line","value":"technique","level":5}]']);
  if (o === 'help') return t.fail();
  t.like(o, { only: 'peer', phases: ['acd', 'rate'], agents: 20, media: false, refine: 0 });
  t.deepEqual(o.ours.keys, ['2', '1']);
  t.deepEqual(o.ours.skills, [{ name: 'line', value: 'technique', level: 5 }]);
  t.deepEqual(o.rate.steps, [1, 2.5]);
});

test('given bad flags, when parsed, then the error says which and shows the usage', (t) => {
  t.throws(() => parseOptions(['--only', 'both']), { message: /--only: peer or ours/ });
  t.throws(() => parseOptions(['--phases', 'acd,soak']), { message: /unknown soak/ });
  t.throws(() => parseOptions(['--levels', '10,x']), { message: /--levels: "x" is not a positive number[\s\S]*npm run bench/ });
  t.throws(() => parseOptions(['--frobnicate']), { message: /frobnicate/ });
  t.throws(() => parseOptions(['--agents', '3']), { message: /--acd-agents 4 is more than --agents 3/ });
  t.throws(() => parseOptions(['--ours-keys', '2,12']), { message: /"12" is not a DTMF key/ });
  t.throws(() => parseOptions(['--ours-skills', '[{"name":"line"}]']), { message: /--ours-skills: expected JSON/ });
  t.is(parseOptions(['--help']), 'help');
});
