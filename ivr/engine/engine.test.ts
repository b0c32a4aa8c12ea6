import test from 'ava';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { FlowsSchema } from '../flow/schema.js';
import { type IvrContext, runIvr } from './engine.js';
import type { IvrIo } from './io.js';

/** A caller who presses the scripted keys, one per wait ('-' = no key), never during prompts. */
function scriptedCaller(keys: string[]): IvrIo & { played: string[][]; recording: boolean } {
  const io = {
    played: [] as string[][],
    recording: false,
    play(media: string[]) { io.played.push(media); return Promise.resolve({ ok: true }); },
    nextDigit() { const k = keys.shift(); return Promise.resolve(k === undefined || k === '-' ? undefined : k); },
    startRecording() { io.recording = true; return Promise.resolve(); },
  };
  return io;
}

const flows = FlowsSchema.parse({
  main: {
    start: 'lang',
    steps: {
      lang: { type: 'language', options: { 1: 'ar', 2: 'fr' }, fallback: 'fr', next: 'notice' },
      notice: { type: 'announce', prompt: ['welcome', 'recording-notice'], next: 'rec' },
      rec: { type: 'record', next: 'menu' },
      menu: { type: 'menu', prompt: 'menu-principal', options: { 1: 'q', 2: 'bye', 9: 'menu' }, retries: 1, onTimeout: 'q', onInvalid: 'bye', onMaxLoops: 'q', maxLoops: 2 },
      q: { type: 'queue', queue: 'technique' },
      bye: { type: 'hangup', prompt: 'goodbye' },
    },
  },
});

function context(io: IvrIo, events: { type: string; data?: Record<string, unknown> }[]): IvrContext {
  return {
    tenant: { slug: 'energie' } as Tenant,
    flows,
    decide: () => { throw new Error('no calendar in these flows'); },
    prompt: (name, lang) => `sound:/s/${lang}/${name}`,
    io,
    events: { event: (type, data) => events.push({ type, ...(data ? { data } : {}) }) },
    signal: new AbortController().signal,
    now: () => new Date(0),
  };
}

test('given a caller who chooses Arabic then 1, when the flow runs, then prompts are in Arabic, recording starts after the notice, and the call is queued', async (t) => {
  const io = scriptedCaller(['1', '1']);
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  const outcome = await runIvr(context(io, events), 'main', 'fr');
  t.deepEqual(outcome, { kind: 'queue', queue: 'technique', language: 'ar', choices: ['lang:1', 'menu:1'] });
  t.true(io.recording);
  t.deepEqual(io.played[1], ['sound:/s/ar/welcome', 'sound:/s/ar/recording-notice']);
  t.deepEqual(events.map((e) => e.type), ['ivr.flow_entered', 'ivr.menu', 'ivr.language', 'ivr.announce', 'ivr.menu', 'ivr.key', 'ivr.queue']);
});

test('given a silent caller, when the menu times out twice, then no-input plays once and the timeout fallback queues the call', async (t) => {
  const io = scriptedCaller(['2', '-', '-']);
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  const outcome = await runIvr(context(io, events), 'main', 'fr');
  t.like(outcome, { kind: 'queue', queue: 'technique', language: 'fr' });
  t.is(events.filter((e) => e.type === 'ivr.timeout').length, 2);
  t.true(io.played.some((m) => m.includes('sound:/s/fr/no-input')));
  t.like(events.find((e) => e.type === 'ivr.fallback'), { data: { after: 'timeout' } });
});

test('given wrong keys, when the retries are used up, then the invalid fallback ends the call', async (t) => {
  const io = scriptedCaller(['2', '7', '8']);
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  t.like(await runIvr(context(io, events), 'main', 'fr'), { kind: 'hangup' });
  t.deepEqual(events.filter((e) => e.type === 'ivr.invalid_key').map((e) => e.data?.digit), ['7', '8']);
});

test('given a caller who keeps asking to hear the menu again, when maxLoops is passed, then the call goes to onMaxLoops', async (t) => {
  const io = scriptedCaller(['2', '9', '9']);
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  t.like(await runIvr(context(io, events), 'main', 'fr'), { kind: 'queue' });
  t.is(events.filter((e) => e.type === 'ivr.max_loops').length, 1);
});

test('given no language choice, when the language menu gives up, then the fallback language is kept', async (t) => {
  const io = scriptedCaller(['-', '5', '-', '1']);
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  await runIvr(context(io, events), 'main', 'ar');
  t.like(events.find((e) => e.type === 'ivr.language'), { data: { language: 'fr', chosen: false } });
  t.deepEqual(io.played[0], ['sound:/s/ar/language-menu'], 'played once: the recording speaks every language');
});
