// The dialling policy, rule by rule, for a French and a Moroccan tenant: numbers as callers there
// type them (national, +, 00, bare E.164 digits, short), the digits the trunk is sent for those
// allowed, and the rule for those refused.
import test from 'ava';
import { checkNumber, type DiallingRules, rulesFor } from './policy.js';

const FR = rulesFor({ country: 'FR' });
const MA = rulesFor({ country: 'MA' });
const MA_AND_FR = rulesFor({ country: 'MA', dialling: { allowedCountryCodes: ['212', '33'] } });

const rule = (rules: DiallingRules, number: string): string => {
  const v = checkNumber(rules, number);
  return v.ok ? `ok ${v.dial}` : v.rule;
};

test('given no policy, when the defaults are resolved, then only the tenant\'s own country is allowed, 8 to 15 digits', (t) => {
  t.deepEqual(FR, { home: 'FR', allowedCountryCodes: ['33'], allowedPrefixes: [], blockedPrefixes: [], minDigits: 8, maxDigits: 15 });
  t.deepEqual(MA.allowedCountryCodes, ['212']);
});

test('given a French tenant, when ordinary French numbers are dialled in any form, then they are allowed, national ones as typed and international ones as E.164 digits', (t) => {
  for (const n of ['0612345678', '0712345678', '0123456789', '0298765432', '0512345678', '0912345678']) t.is(rule(FR, n), `ok ${n}`, n);
  for (const n of ['+33612345678', '0033612345678', '33612345678']) t.is(rule(FR, n), 'ok 33612345678', n);
  t.is(rule(FR, '+33170000001'), 'ok 33170000001');
});

test('given a Moroccan tenant, when ordinary Moroccan numbers are dialled in any form, then they are allowed in the trunk\'s form', (t) => {
  for (const n of ['0612345678', '0712345678', '0522123456', '0537123456', '0655000001']) t.is(rule(MA, n), `ok ${n}`, n);
  for (const n of ['+212522123456', '00212522123456', '212522123456']) t.is(rule(MA, n), 'ok 212522123456', n);
  t.is(rule(MA, '212520000099'), 'ok 212520000099', 'the demo overflow target');
});

test('given emergency numbers, when dialled in every form, then they are refused as emergency in both countries', (t) => {
  for (const n of ['15', '17', '18', '112', '114', '115', '119', '191', '196', '197', '116000', '116117']) {
    for (const form of [n, `0${n}`, `+33${n}`, `0033${n}`]) t.is(rule(FR, form), 'emergency', `FR ${form}`);
  }
  for (const n of ['15', '19', '112', '141', '150', '177', '190']) {
    for (const form of [n, `0${n}`, `+212${n}`, `00212${n}`]) t.is(rule(MA, form), 'emergency', `MA ${form}`);
  }
  t.is(rule(FR, '+21219'), 'emergency', 'Morocco\'s police from a French tenant');
  t.is(rule(MA, '+3318'), 'emergency', 'the French fire brigade from a Moroccan tenant');
  t.is(rule(FR, '+1911'), 'emergency');
  t.is(rule(MA, '+44112'), 'emergency');
  t.is(rule(FR, '33116000'), 'emergency', 'bare E.164 digits');
});

test('given short numbers, when dialled, then they are refused as short numbers', (t) => {
  for (const n of ['3919', '3646', '1014', '118218', '116111', '10', '36', '0118218', '+33118218', '003336']) t.is(rule(FR, n), 'short_number', `FR ${n}`);
  for (const n of ['5757', '160', '0160', '+2125757', '002125757']) t.is(rule(MA, n), 'short_number', `MA ${n}`);
  t.is(rule(FR, '3315'), 'short_number', 'four bare digits are a short number dialled in France');
  t.is(rule(rulesFor({ country: 'FR', dialling: { allowedCountryCodes: ['33', '44'], allowedPrefixes: ['33', '44'] } }), '+44999'), 'short_number', 'in a country without a built-in plan too');
});

test('given premium numbers, when dialled in every form, then they are refused as premium', (t) => {
  for (const nsn of ['899123456', '891234567', '897123456', '812345678', '820123456', '825123456', '860123456']) {
    for (const form of [`0${nsn}`, `+33${nsn}`, `0033${nsn}`, `33${nsn}`]) t.is(rule(FR, form), 'premium', `FR ${form}`);
    t.is(rule(MA_AND_FR, `0033${nsn}`), 'premium', 'even from a tenant that may call France');
  }
  for (const nsn of ['891234567', '899999999', '812345678', '850000000']) {
    for (const form of [`0${nsn}`, `+212${nsn}`, `00212${nsn}`, `212${nsn}`]) t.is(rule(MA, form), 'premium', `MA ${form}`);
  }
  for (const n of ['+979123456789', '00881612345678', '+88213412345', '+870773123456']) t.is(rule(FR, n), 'premium', n);
});

test('given numbers of countries the policy does not allow, when dialled, then they are refused', (t) => {
  t.is(rule(FR, '+212612345678'), 'not_allowed_country');
  t.is(rule(FR, '00447911123456'), 'not_allowed_country');
  t.is(rule(FR, '447911123456'), 'not_allowed_country', 'bare E.164 digits');
  t.is(rule(MA, '+33612345678'), 'not_allowed_country');
  t.is(rule(MA_AND_FR, '+33612345678'), 'ok 33612345678');
  t.is(rule(MA_AND_FR, '+33512345678'), 'ok 33512345678');
  t.is(rule(FR, '612345678'), 'not_allowed_country', 'nine bare digits are an international number (+61, Australia)');
});

test('given numbers of the wrong length, when dialled, then they are refused as too short or too long', (t) => {
  t.is(rule(FR, '061234567'), 'too_short');
  t.is(rule(FR, '06123456789'), 'too_long');
  t.is(rule(FR, '+3361234567'), 'too_short');
  t.is(rule(MA, '05221234567'), 'too_long');
  t.is(rule(FR, '0'), 'too_short');
  t.is(rule(FR, `0${'6'.repeat(20)}`), 'too_long', 'more than 20 digits is refused before anything else');
  const uk = rulesFor({ country: 'FR', dialling: { allowedCountryCodes: ['33', '44'], allowedPrefixes: ['33', '447'], minDigits: 11, maxDigits: 12 } });
  t.is(rule(uk, '+447911123456'), 'ok 447911123456');
  t.is(rule(uk, '+4479111234'), 'too_short', 'below minDigits');
  t.is(rule(uk, '+4479111234567'), 'too_long', 'above maxDigits');
});

test('given malformed input, when dialled, then it is refused as malformed', (t) => {
  for (const n of ['', '+', '06 12 34 56 78', '06-12', '++33612345678', '33612345678+', 'abc', '00', '+0612345678', '000612345678', '+330612345678', '0033 612345678', '#15']) {
    t.is(rule(FR, n), 'malformed', JSON.stringify(n));
  }
});

test('given blocked and allowed prefixes, when dialled, then a blocked prefix is refused and only the allowed prefixes pass', (t) => {
  const blocked = rulesFor({ country: 'FR', dialling: { blockedPrefixes: ['3361', '33162'] } });
  t.is(rule(blocked, '0612345678'), 'blocked_prefix');
  t.is(rule(blocked, '+33162000000'), 'blocked_prefix');
  t.is(rule(blocked, '0712345678'), 'ok 0712345678');
  const mobilesOnly = rulesFor({ country: 'FR', dialling: { allowedPrefixes: ['336', '337'] } });
  t.is(rule(mobilesOnly, '0612345678'), 'ok 0612345678');
  t.is(rule(mobilesOnly, '0123456789'), 'blocked_prefix');
  t.is(rule(mobilesOnly, '15'), 'emergency', 'the built-in lists come first');
});

test('given special ranges that are neither geographic nor mobile, when dialled, then they are refused unless a prefix opens them', (t) => {
  t.is(rule(FR, '0800123456'), 'blocked_prefix', 'French free numbers');
  t.is(rule(FR, '0806123456'), 'blocked_prefix');
  t.is(rule(MA, '0801004747'), 'blocked_prefix', 'Moroccan free numbers');
  t.is(rule(MA, '0912345678'), 'blocked_prefix', 'a Moroccan range the plan does not give');
  const freephone = rulesFor({ country: 'FR', dialling: { allowedPrefixes: ['33800', '336'] } });
  t.is(rule(freephone, '0800123456'), 'ok 0800123456');
  t.is(rule(freephone, '0899123456'), 'premium', 'an allowed prefix never opens a premium range');
});
