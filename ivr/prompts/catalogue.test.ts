import test from 'ava';
import {
  BUILTIN_PROMPT_NAMES, BUILTIN_PROMPTS, BuiltinCatalogueSchema, builtinPromptText, hasBuiltinPrompt,
  REQUIRED_BUILTIN_PROMPTS,
} from './catalogue.js';

const ARABIC = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

test('given builtin.json, when loaded, then every required prompt is there', (t) => {
  for (const name of REQUIRED_BUILTIN_PROMPTS) t.true(BUILTIN_PROMPT_NAMES.includes(name), name);
});

test('given every built-in prompt, when read, then its Arabic is in Arabic script and its French and English are not', (t) => {
  for (const [name, p] of Object.entries(BUILTIN_PROMPTS)) {
    t.regex(p.ar, ARABIC, name);
    t.notRegex(p.ar, LATIN, `${name}: no Latin letters in the Arabic text`);
    t.notRegex(p.fr, ARABIC, name);
    t.notRegex(p.en, ARABIC, name);
  }
});

test('given the language menu, when spoken, then each part is in its own language, Arabic first', (t) => {
  const menu = BUILTIN_PROMPTS['language-menu'];
  t.deepEqual(menu?.combine, ['ar', 'fr', 'en']);
  t.regex(menu?.ar ?? '', /للعربية.*واحد/);
  t.regex(menu?.fr ?? '', /français.*2/);
  t.regex(menu?.en ?? '', /English.*3/);
  t.is(builtinPromptText('language-menu', 'en'), builtinPromptText('language-menu', 'fr'), 'one sound for every language');
});

test('given the landlord\'s messages, when read, then they say what the tender asks', (t) => {
  t.regex(BUILTIN_PROMPTS['astreinte-emergency-only']?.fr ?? '', /personnes ou les biens/);
  t.regex(BUILTIN_PROMPTS['non-technical-redirect']?.fr ?? '', /techniques.*relation clientèle/s);
  t.regex(BUILTIN_PROMPTS['recording-notice']?.en ?? '', /recorded/);
});

test('given a name and a language, when asked, then built-in prompts exist in the three languages only', (t) => {
  t.true(hasBuiltinPrompt('goodbye', 'ar'));
  t.true(hasBuiltinPrompt('language-menu', 'fr'));
  t.false(hasBuiltinPrompt('welcome', 'fr'), 'welcome is each tenant\'s own');
  t.false(hasBuiltinPrompt('toString', 'fr'));
  t.false(hasBuiltinPrompt('goodbye', 'de' as 'fr'));
  t.is(builtinPromptText('goodbye', 'fr'), 'Merci de votre appel. Au revoir.');
  t.is(builtinPromptText('nothing', 'fr'), undefined);
});

test('given a catalogue missing a prompt, with an unknown field or a bad combine, when parsed, then each problem is named', (t) => {
  const { goodbye, ...rest } = BUILTIN_PROMPTS;
  const missing = BuiltinCatalogueSchema.safeParse(rest);
  t.false(missing.success);
  t.deepEqual(missing.error?.issues.map((i) => i.message), ['missing built-in prompt "goodbye"']);

  const extra = BuiltinCatalogueSchema.safeParse({ ...BUILTIN_PROMPTS, goodbye: { ...goodbye, de: 'Auf Wiedersehen' } });
  t.false(extra.success);
  const combine = BuiltinCatalogueSchema.safeParse({ ...BUILTIN_PROMPTS, goodbye: { ...goodbye, combine: ['fr', 'de'] } });
  t.false(combine.success);
  const empty = BuiltinCatalogueSchema.safeParse({ ...BUILTIN_PROMPTS, goodbye: { ...goodbye, ar: '  ' } });
  t.false(empty.success);
});
