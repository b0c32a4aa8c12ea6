// The `dialling` section of a tenant's file: safe defaults, every mistake named by file and field,
// overflow numbers checked against their tenant's policy when the configuration loads, and the
// demo tenants' policies allowing every number the demo and the integration tests dial.
import { rm } from 'node:fs/promises';
import test from 'ava';
import { loadSiteAndTenants } from '../../pbx-config/load.js';
import { TenantSchema } from '../../pbx-config/schema/tenant.js';
import { demoDirCopy, demoJson, editJson, type TenantJson } from '../../pbx-config/testing/fixtures.js';
import { BUILTIN_PROMPTS } from '../../ivr/prompts/catalogue.js';
import { checkNumber, rulesFor } from './policy.js';
import { DiallingPolicySchema } from './schema.js';

const dirs: string[] = [];
test.after.always(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function copyWith(file: string, change: (json: TenantJson) => void): Promise<string[]> {
  const dir = await demoDirCopy();
  dirs.push(dir);
  await editJson<TenantJson>(dir, file, change);
  const result = await loadSiteAndTenants(dir);
  return result.ok ? [] : result.problems;
}

test('given a tenant file without a dialling section, when parsed, then the safe defaults apply: its own country, 10 legs, 2 per agent', async (t) => {
  const json = await demoJson('tenants/habitat.json');
  delete json.dialling;
  const tenant = TenantSchema.parse(json);
  t.deepEqual(tenant.dialling, { allowedPrefixes: [], blockedPrefixes: [], minDigits: 8, maxDigits: 15, maxConcurrentOutbound: 10, maxConcurrentOutboundPerAgent: 2 });
  const rules = rulesFor(tenant);
  t.deepEqual(rules.allowedCountryCodes, ['33']);
  t.like(checkNumber(rules, '0612345678'), { ok: true });
  t.like(checkNumber(rules, '+212612345678'), { ok: false, rule: 'not_allowed_country' });
  t.like(checkNumber(rules, '0800123456'), { ok: false, rule: 'blocked_prefix' });
});

test('given bad dialling values, when parsed, then each is named', (t) => {
  const issues = (value: unknown) => {
    const r = DiallingPolicySchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  t.deepEqual(issues({ allowedCountryCodes: ['330'] }), ['allowedCountryCodes.0: an E.164 country calling code: "33", "212", "1"']);
  t.deepEqual(issues({ allowedCountryCodes: ['33', '44'] }), ['allowedCountryCodes.1: country code 44 has no built-in numbering plan (its premium numbers are unknown): list the prefixes allowed in it in allowedPrefixes']);
  t.deepEqual(issues({ allowedCountryCodes: ['33', '44'], allowedPrefixes: ['33', '447'] }), []);
  t.deepEqual(issues({ blockedPrefixes: ['+336'] }), ['blockedPrefixes.0: the first digits of international numbers, without + or 00 ("336")']);
  t.deepEqual(issues({ minDigits: 12, maxDigits: 10 }), ['minDigits: minDigits (12) is above maxDigits (10)']);
  t.deepEqual(issues({ maxConcurrentOutbound: 2, maxConcurrentOutboundPerAgent: 3 }), ['maxConcurrentOutboundPerAgent: cannot be above maxConcurrentOutbound']);
  t.true(issues({ maxConcurrentOutbound: 0 }).some((i) => i.startsWith('maxConcurrentOutbound: ')));
  t.is(issues({ allowEverything: true }).length, 1, 'unknown fields are refused, not ignored');
});

test('given an overflow target the tenant\'s policy refuses, when the configuration loads, then the problem names the file and the field', async (t) => {
  const premium = await copyWith('tenants/energie.json', (x) => { x.queues![2]!.overflowTarget = { kind: 'number', number: '0891234567' }; });
  t.deepEqual(premium, ['tenants/energie.json: queues.2.overflowTarget.number: the tenant\'s dialling policy refuses 0891234567 (premium)']);
  const abroad = await copyWith('tenants/energie.json', (x) => { x.dialling = { allowedCountryCodes: ['33'] }; });
  t.deepEqual(abroad, ['tenants/energie.json: queues.2.overflowTarget.number: the tenant\'s dialling policy refuses 212520000099 (not_allowed_country)']);
  const badPolicy = await copyWith('tenants/habitat.json', (x) => { x.dialling = { allowedCountryCodes: ['44'] }; });
  t.is(badPolicy.length, 1);
  t.regex(badPolicy[0] ?? '', /^tenants\/habitat\.json: dialling\.allowedCountryCodes\.0: country code 44/);
});

test('given the demo tenants, when their policies are read, then every number the demo and the integration tests dial is allowed, and the refusals the tests expect hold', async (t) => {
  const [energie, habitat, bench] = await Promise.all(['energie', 'habitat', 'bench'].map(async (s) => rulesFor(TenantSchema.parse(await demoJson(`tenants/${s}.json`)))));
  // Overflow target, callback numbers, click-to-call, transfer and consultation targets (test/integration).
  for (const n of ['212520000099', '0655000001', '0655000002', '0655000003', '0622000004', '+33612345678', '0612345678', '+33512345678', '0611223344']) {
    t.like(checkNumber(energie!, n), { ok: true }, n);
  }
  t.like(checkNumber(energie!, '0033899123456'), { ok: false, rule: 'premium' }, 'the callback test\'s premium number');
  t.like(checkNumber(energie!, '112'), { ok: false, rule: 'emergency' }, 'the transfer test\'s emergency number');
  t.like(checkNumber(energie!, '15'), { ok: false, rule: 'emergency' });
  t.like(checkNumber(habitat!, '0612345678'), { ok: true });
  t.like(checkNumber(habitat!, '+212612345678'), { ok: false, rule: 'not_allowed_country' });
  t.deepEqual(bench!.allowedCountryCodes, ['33']);
});

test('given the callback dialogue\'s refusal prompt, when the catalogue is read, then it is there in French, Arabic and English', (t) => {
  const p = BUILTIN_PROMPTS['callback-number-refused'];
  t.truthy(p?.fr && p.ar && p.en);
});
