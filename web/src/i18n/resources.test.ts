// The three resource files must say the same things: the same keys (plural forms aside: each
// language has exactly the forms its plural rules use), the same {{placeholders}} in each
// string, and a message for every error id and dialling rule the app knows.
import test from 'ava';
import { LANGUAGES, type Language } from '../api/types';
import { DIALLING_RULES, KNOWN_ERRORS } from './errors';
import { RESOURCES } from './resources';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') flatten(v, key, out);
    else throw new Error(`${key} is neither a string nor an object`);
  }
  return out;
}

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}|\$t\(([^)]+)\)/g)].map((m) => m[1] ?? `$t(${m[2]})`))].sort();

/** base key -> plural forms present ('' for a key without plural forms) and their strings. */
function byBase(lng: Language): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, value] of flatten(RESOURCES[lng])) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const forms = out.get(base) ?? new Map<string, string>();
    forms.set(m?.[1] ?? '', value);
    out.set(base, forms);
  }
  return out;
}

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, byBase(l)])) as Record<Language, Map<string, Map<string, string>>>;

test('every key is in every language', (t) => {
  const all = new Set(LANGUAGES.flatMap((l) => [...flat[l].keys()]));
  const missing = LANGUAGES.flatMap((l) => [...all].filter((k) => !flat[l].has(k)).map((k) => `${l}: ${k}`));
  t.deepEqual(missing, []);
});

test('plural keys have exactly the forms of each language', (t) => {
  const problems: string[] = [];
  for (const l of LANGUAGES) {
    const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories.slice().sort();
    for (const [base, forms] of flat[l]) {
      if (forms.has('')) {
        if (forms.size > 1) problems.push(`${l}: ${base} is both a plain and a plural key`);
        continue;
      }
      const have = [...forms.keys()].sort();
      if (have.join() !== needed.join()) problems.push(`${l}: ${base} has ${have.join('/')}, needs ${needed.join('/')}`);
    }
  }
  t.deepEqual(problems, []);
});

test('placeholders are the same in every language', (t) => {
  const problems: string[] = [];
  for (const [base, frForms] of flat.fr) {
    // A plain key, or the `other` form of a plural key, sets the placeholders.
    const expected = placeholders(frForms.get('') ?? frForms.get('other') ?? '');
    for (const l of LANGUAGES) {
      for (const [form, text] of flat[l].get(base) ?? []) {
        const got = placeholders(text);
        const name = `${l}: ${base}${form ? `_${form}` : ''}`;
        if (form === '' || form === 'other') {
          if (got.join() !== expected.join()) problems.push(`${name} has {${got.join(',')}}, fr has {${expected.join(',')}}`);
        } else if (got.some((p) => !expected.includes(p))) {
          // Other plural forms may leave the number out ("un essai", "محاولتان"), never add one.
          problems.push(`${name} has {${got.join(',')}}, more than fr's {${expected.join(',')}}`);
        }
      }
    }
  }
  t.deepEqual(problems, []);
});

test('no string is empty or left untranslated markup', (t) => {
  const problems: string[] = [];
  for (const l of LANGUAGES) {
    for (const [key, text] of flatten(RESOURCES[l])) {
      if (!text.trim()) problems.push(`${l}: ${key} is empty`);
      if (/TODO|FIXME/.test(text)) problems.push(`${l}: ${key} is not translated`);
    }
  }
  t.deepEqual(problems, []);
});

test('every error id and dialling rule the app knows has a message, and a generic one exists', (t) => {
  const missing: string[] = [];
  for (const l of LANGUAGES) {
    const keys = flat[l];
    for (const id of [...KNOWN_ERRORS, 'generic']) if (!keys.has(`errors.${id}`)) missing.push(`${l}: errors.${id}`);
    for (const rule of DIALLING_RULES) if (!keys.has(`dialling.${rule}`)) missing.push(`${l}: dialling.${rule}`);
  }
  t.deepEqual(missing, []);
});

test('the Arabic file is in Arabic (no string copied from French or English by mistake)', (t) => {
  // Names of the languages themselves are allowed to be the same everywhere.
  const same = [...flatten(RESOURCES.ar)].filter(([k, v]) => !k.startsWith('languageSelf.') && /[A-Za-z]{4,}/.test(v) && !/[\u0600-\u06FF]/.test(v));
  t.deepEqual(same.map(([k]) => k), []);
});
