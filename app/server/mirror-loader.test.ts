import anyTest, { type TestFn } from 'ava';
import { pino } from 'pino';
import { eventually } from '../../test/support/eventually.js';
import type { Logger } from '../log/logger.js';
import { MirrorLoader } from './mirror-loader.js';
import { PromptResolver, type ActivePrompt } from '../prompts/resolver.js';

const test = anyTest as TestFn<{ logged: string[]; log: Logger }>;
const FAST = { initialMs: 1, maxMs: 5, factor: 2, jitter: 0 };
const ONE: ActivePrompt[] = [{ tenant: 'habitat', name: 'goodbye', language: 'fr', version: 2 }];

test.beforeEach((t) => {
  const logged: string[] = [];
  t.context = { logged, log: pino({ level: 'info' }, { write: (l: string) => { logged.push(l); } }) };
});

test('given a database that answers, when started, then the active versions are in the resolver', async (t) => {
  const resolver = new PromptResolver({ soundsDir: '/s', fileExists: () => false });
  const loader = new MirrorLoader('active prompt versions', () => Promise.resolve(ONE), resolver, t.context.log, FAST);

  t.true(await loader.start());
  t.is(resolver.activeVersion('habitat', 'goodbye', 'fr'), 2);
});

test('given a database down at first, when started, then the failure is logged and the load retried until it works', async (t) => {
  const resolver = new PromptResolver({ soundsDir: '/s', fileExists: () => false });
  let calls = 0;
  const load = () => (++calls < 3 ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(ONE));
  const loader = new MirrorLoader('active prompt versions', load, resolver, t.context.log, FAST);
  t.teardown(() => loader.stop());

  t.false(await loader.start());
  await eventually(() => Promise.resolve(resolver.activeVersion('habitat', 'goodbye', 'fr')), { what: 'the retried load', intervalMs: 5 });
  t.false(loader.retrying);
  t.is(calls, 3);
  t.is(t.context.logged.filter((l) => l.includes('ECONNREFUSED')).length, 2);
});

test('given an activation while a load runs, when the load ends, then it loads again rather than undo the activation', async (t) => {
  const resolver = new PromptResolver({ soundsDir: '/s', fileExists: () => false });
  let calls = 0;
  const load = () => {
    calls += 1;
    if (calls === 1) resolver.setActive('habitat', 'goodbye', 'fr', 5);
    return Promise.resolve(calls === 1 ? ONE : [{ ...ONE[0], version: 5 } as ActivePrompt]);
  };
  const loader = new MirrorLoader('active prompt versions', load, resolver, t.context.log, FAST);

  t.true(await loader.start());
  t.is(calls, 2);
  t.is(resolver.activeVersion('habitat', 'goodbye', 'fr'), 5);
});

test('given a failed load with a retry scheduled, when the loader stops, then the retry is cancelled', async (t) => {
  const resolver = new PromptResolver({ soundsDir: '/s', fileExists: () => false });
  const loader = new MirrorLoader('active prompt versions', () => Promise.reject(new Error('down')), resolver, t.context.log, { ...FAST, initialMs: 60_000, maxMs: 60_000 });

  t.false(await loader.start());
  t.true(loader.retrying);
  loader.stop();
  t.false(loader.retrying);
});
