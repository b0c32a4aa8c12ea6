// Property-style tests of the dialling policy (seeded, so a failure replays): no emergency, short or
// premium number gets through, whatever form it is typed in (national, +, 00, bare E.164 digits,
// with a stray 0 after the country code) and however permissive the tenant's policy; ordinary
// numbers of an allowed country always pass, and the digits sent to the trunk are stable.
import test from 'ava';
import { PLANS, PREMIUM_CALLING_CODES, UNIVERSAL_EMERGENCY } from './plans.js';
import { checkNumber, type DiallingRules, rulesFor } from './policy.js';
import { DiallingPolicySchema } from './schema.js';

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const digits = (rnd: Rnd, n: number): string => Array.from({ length: n }, () => String(int(rnd, 0, 9))).join('');
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[int(rnd, 0, list.length - 1)] as T;

const HOMES = ['FR', 'MA'] as const;
const EVERYTHING = ['33', '212', '44', '1', ...PREMIUM_CALLING_CODES];
/** The most a tenant can open: every country, every prefix, the widest lengths. */
const PERMISSIVE = DiallingPolicySchema.parse({ allowedCountryCodes: EVERYTHING, allowedPrefixes: EVERYTHING, minDigits: 4, maxDigits: 15 });
const policies = (home: 'FR' | 'MA'): [string, DiallingRules][] => [
  ['default', rulesFor({ country: home })],
  ['permissive', rulesFor({ country: home, dialling: PERMISSIVE })],
];

interface Dangerous { code: string; nsn: string; kind: 'emergency' | 'short' | 'premium' }

function dangerous(rnd: Rnd): Dangerous {
  const plan = PLANS[pick(rnd, HOMES)];
  switch (int(rnd, 0, 4)) {
    case 0: return { code: plan.callingCode, nsn: pick(rnd, plan.emergency), kind: 'emergency' };
    case 1: return { code: pick(rnd, ['33', '212', '44', '1']), nsn: pick(rnd, UNIVERSAL_EMERGENCY), kind: 'emergency' };
    case 2: return { code: plan.callingCode, nsn: `${int(rnd, 1, 9)}${digits(rnd, int(rnd, 1, 5))}`, kind: 'short' };
    case 3: {
      // A surcharged range of the plan, at the plan's length.
      const head = plan.country === 'FR' ? pick(rnd, ['81', '82', '89', '83', '84', '85', '86', '87', '88']) : `8${int(rnd, 1, 9)}`;
      return { code: plan.callingCode, nsn: `${head}${digits(rnd, plan.nsnLength - head.length)}`, kind: 'premium' };
    }
    default: return { code: pick(rnd, PREMIUM_CALLING_CODES), nsn: `${int(rnd, 1, 9)}${digits(rnd, int(rnd, 5, 10))}`, kind: 'premium' };
  }
}

/** Every way a caller in `home` may type the number, with the rule expected where it is certain. */
function forms(home: 'FR' | 'MA', d: Dangerous): [string, string | undefined][] {
  const exact = d.kind === 'short' ? 'short_number' : d.kind;
  const out: [string, string | undefined][] = [
    [`+${d.code}${d.nsn}`, exact], [`00${d.code}${d.nsn}`, exact], [`${d.code}${d.nsn}`, undefined],
    [`+${d.code}0${d.nsn}`, undefined], [`00${d.code}0${d.nsn}`, undefined],
  ];
  if (PLANS[home].callingCode === d.code) {
    out.push([`0${d.nsn}`, exact]);
    if (d.nsn.length <= 6) out.push([d.nsn, exact]);
  }
  return out;
}

for (const seed of [1, 7, 2026]) {
  test(`given emergency, short and premium numbers in every form (seed ${seed}), when checked under any policy, then none gets through`, (t) => {
    const rnd = random(seed);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const d = dangerous(rnd);
      for (const home of HOMES) {
        for (const [name, rules] of policies(home)) {
          for (const [number, expected] of forms(home, d)) {
            const v = checkNumber(rules, number);
            checked++;
            if (v.ok) return t.fail(`${d.kind} ${number} got through for a ${home} tenant (${name} policy), dialled as ${v.dial}`);
            if (expected && v.rule !== expected) return t.fail(`${number} (${home}, ${name}): ${v.rule}, expected ${expected}`);
          }
        }
      }
    }
    t.true(checked >= 400 * HOMES.length * 2 * 5, `${checked} numbers checked`);
  });

  test(`given ordinary numbers of allowed countries (seed ${seed}), when checked, then they pass and their trunk digits are stable`, (t) => {
    const rnd = random(seed);
    for (let i = 0; i < 400; i++) {
      const home = pick(rnd, HOMES);
      const plan = PLANS[pick(rnd, HOMES)];
      const first = pick(rnd, plan.country === 'FR' ? ['1', '2', '3', '4', '5', '6', '7', '9'] : ['5', '6', '7']);
      const nsn = `${first}${digits(rnd, plan.nsnLength - 1)}`;
      const rules = rulesFor({ country: home, dialling: { allowedCountryCodes: ['33', '212'] } });
      const international = `${plan.callingCode}${nsn}`;
      const expected: [string, string][] = [[`+${international}`, international], [`00${international}`, international], [international, international]];
      if (plan.country === home) expected.push([`0${nsn}`, `0${nsn}`]);
      for (const [number, dial] of expected) {
        const v = checkNumber(rules, number);
        if (!v.ok || v.dial !== dial) return t.fail(`${number} for a ${home} tenant: ${JSON.stringify(v)}, expected ${dial}`);
        const again = checkNumber(rules, v.dial);
        if (!again.ok || again.dial !== v.dial) return t.fail(`${v.dial} (the trunk's digits) is not stable: ${JSON.stringify(again)}`);
      }
    }
    t.pass();
  });
}
