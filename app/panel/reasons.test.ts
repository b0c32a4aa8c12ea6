// The tenants' reasons, checked when the configuration loads: codes unique where agents choose
// among them, labels in French, Arabic and English, no pause code the app sets itself; and a
// wrap-up's family and nature must be the call's line's.
import test from 'ava';
import { TenantSchema } from '../../pbx-config/schema/tenant.js';
import { demoJson } from '../../pbx-config/testing/fixtures.js';
import { isCallReason } from './reasons.js';
import { assertWrapupReason } from './wrapup.js';

const labels = (s: string) => ({ fr: `${s} fr`, ar: `${s} ar`, en: `${s} en` });
const family = (code: string, natures: string[]) => ({ code, label: labels(code), natures: natures.map((n) => ({ code: n, label: labels(n) })) });

async function habitat(change: (json: { lines: Record<string, unknown>[]; pauseReasons: unknown }) => void) {
  const json = await demoJson('tenants/habitat.json') as { lines: Record<string, unknown>[]; pauseReasons: unknown };
  change(json);
  return TenantSchema.safeParse(json);
}
const problems = (r: Awaited<ReturnType<typeof habitat>>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

test('given the demo tenants, when loaded, then every one has pause reasons and reasons on each line', async (t) => {
  for (const file of ['habitat', 'energie', 'bench']) {
    const tenant = TenantSchema.parse(await demoJson(`tenants/${file}.json`));
    t.true(['break', 'lunch', 'training'].every((c) => tenant.pauseReasons.some((r) => r.code === c)), file);
    t.true(tenant.lines.every((l) => l.callReasons.length > 0), file);
  }
});

test('given duplicate codes, when the tenant loads, then each duplicate is named by its path', async (t) => {
  const r = await habitat((j) => {
    j.lines[0]!.callReasons = [family('loyer', ['quittance', 'quittance']), family('loyer', ['echeancier'])];
    j.pauseReasons = [{ code: 'break', label: labels('b') }, { code: 'break', label: labels('c') }];
  });
  t.deepEqual(problems(r), [
    'lines.0.callReasons.1.code: duplicate code "loyer"',
    'lines.0.callReasons.0.natures.1.code: duplicate code "quittance"',
    'pauseReasons.1.code: duplicate code "break"',
  ]);
});

test('given a label missing a language, a family without natures or a pause code the app sets, when the tenant loads, then it is refused', async (t) => {
  const r = await habitat((j) => {
    j.lines[0]!.callReasons = [{ code: 'loyer', label: { fr: 'Loyer', en: 'Rent' }, natures: [] }];
    j.pauseReasons = [{ code: 'outbound', label: labels('o') }, { code: 'Lunch', label: labels('l') }];
  });
  const found = problems(r);
  t.true(found.some((p) => p.startsWith('lines.0.callReasons.0.label.ar')), found.join('\n'));
  t.true(found.some((p) => p.startsWith('lines.0.callReasons.0.natures')));
  t.true(found.some((p) => p.startsWith('pauseReasons.0.code') && p.includes('set by the app')));
  t.true(found.some((p) => p.startsWith('pauseReasons.1.code')));
});

test('given a line\'s reasons, when a wrap-up names a family and a nature, then only a nature of that family on that line passes', async (t) => {
  const tenant = TenantSchema.parse(await demoJson('tenants/energie.json'));
  const commercial = tenant.lines.find((l) => l.id === 'commercial')?.callReasons ?? [];
  t.true(isCallReason(commercial, 'facture', 'duplicata'));
  t.false(isCallReason(commercial, 'facture', 'resiliation'), 'a nature of another family');
  t.notThrows(() => assertWrapupReason(tenant, 'commercial', { family: 'demenagement', nature: 'resiliation' }));
  const refused = t.throws(() => assertWrapupReason(tenant, 'technique', { family: 'facture', nature: 'duplicata' }));
  t.like(refused, { id: 'wrapup.unknown_reason', status: 422, details: { family: 'facture', nature: 'duplicata', line: 'technique' } });
  t.throws(() => assertWrapupReason(tenant, null, { family: 'facture', nature: 'duplicata' }), { message: /line "\?"/ }, 'a call whose line is unknown');
});
