import test from 'ava';
import { PromptResolver } from './resolver.js';

const SOUNDS = '/var/lib/ccapp/sounds';

function resolverWith(files: string[]): PromptResolver {
  const present = new Set(files.map((f) => `${SOUNDS}/${f}`));
  return new PromptResolver({ soundsDir: SOUNDS, fileExists: (p) => present.has(p) });
}

test('given an active uploaded version, a TTS prompt and a built-in one, when resolved, then the upload wins', (t) => {
  const r = resolverWith(['habitat/fr/goodbye.wav', 'builtin/fr/goodbye.wav']);
  r.setActive('habitat', 'goodbye', 'fr', 3);

  t.is(r.resolve('habitat', 'goodbye', 'fr'), `sound:${SOUNDS}/habitat/uploads/goodbye/fr/v3`);
});

test('given no upload, when resolved, then the tenant\'s TTS prompt comes before the built-in one', (t) => {
  const r = resolverWith(['habitat/fr/goodbye.wav', 'builtin/fr/goodbye.wav']);

  t.is(r.resolve('habitat', 'goodbye', 'fr'), `sound:${SOUNDS}/habitat/fr/goodbye`);
});

test('given only a built-in prompt, when resolved, then the built-in one plays', (t) => {
  const r = resolverWith(['builtin/ar/goodbye.wav']);

  t.is(r.resolve('energie', 'goodbye', 'ar'), `sound:${SOUNDS}/builtin/ar/goodbye`);
  t.true(r.has('energie', 'goodbye', 'ar'));
});

test('given a prompt nowhere, or in another language only, when resolved, then it is undefined', (t) => {
  const r = resolverWith(['builtin/fr/goodbye.wav', 'habitat/fr/welcome.wav']);
  r.setActive('habitat', 'menu', 'fr', 1);

  t.is(r.resolve('habitat', 'goodbye', 'en'), undefined);
  t.is(r.resolve('habitat', 'menu', 'ar'), undefined);
  t.is(r.resolve('energie', 'welcome', 'fr'), undefined, 'another tenant\'s TTS prompt is not ours');
  t.false(r.has('habitat', 'nothing', 'fr'));
});

test('given an upload of another tenant, when resolved, then it is not used', (t) => {
  const r = resolverWith(['builtin/fr/goodbye.wav']);
  r.setActive('energie', 'goodbye', 'fr', 2);

  t.is(r.resolve('habitat', 'goodbye', 'fr'), `sound:${SOUNDS}/builtin/fr/goodbye`);
});

test('given names that could leave the sounds directory, when resolved, then nothing is looked up', (t) => {
  const looked: string[] = [];
  const r = new PromptResolver({ soundsDir: SOUNDS, fileExists: (p) => { looked.push(p); return true; } });

  t.is(r.resolve('habitat', '../../etc/passwd', 'fr'), undefined);
  t.is(r.resolve('../x', 'goodbye', 'fr'), undefined);
  t.is(r.resolve('habitat', 'goodbye', 'de' as 'fr'), undefined);
  t.deepEqual(looked, []);
});

test('given a loaded set then an activation and a deactivation, when resolved, then each change shows at once', (t) => {
  const r = resolverWith(['builtin/en/please-hold.wav']);
  r.replaceAll([{ tenant: 'energie', name: 'please-hold', language: 'en', version: 1 }]);
  t.is(r.resolve('energie', 'please-hold', 'en'), `sound:${SOUNDS}/energie/uploads/please-hold/en/v1`);

  r.setActive('energie', 'please-hold', 'en', 4);
  t.is(r.activeVersion('energie', 'please-hold', 'en'), 4);

  r.setActive('energie', 'please-hold', 'en', undefined);
  t.is(r.resolve('energie', 'please-hold', 'en'), `sound:${SOUNDS}/builtin/en/please-hold`);
});

test('given any change, when the revision is read, then it has grown', (t) => {
  const r = resolverWith([]);
  const start = r.revision;
  r.setActive('habitat', 'goodbye', 'fr', 1);
  r.replaceAll([]);
  t.is(r.revision, start + 2);
  t.is(r.size, 0);
});
