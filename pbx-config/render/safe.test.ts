import test from 'ava';
import { SiteSchema } from '../schema/site.js';
import { TenantSchema } from '../schema/tenant.js';
import { ARI_PASSWORD, demoSite, demoTenants, PATHS } from '../testing/fixtures.js';
import { renderAsteriskConfig, type RenderInput } from './index.js';
import { safe, UnsafeConfigValueError } from './safe.js';

async function demoInput(): Promise<RenderInput> {
  return { site: await demoSite(), tenants: await demoTenants(), ariPassword: ARI_PASSWORD, paths: { ...PATHS } };
}

/** Renders after `change` has put a hostile value into an otherwise valid input (as if validation was skipped). */
async function renderWith(change: (input: RenderInput) => void): Promise<() => unknown> {
  const input = await demoInput();
  change(input);
  return () => renderAsteriskConfig(input);
}

const attempts: { field: RegExp; change: (input: RenderInput) => void }[] = [
  { field: /tenants\.1\.slug/, change: (i) => { i.tenants[1]!.slug = 'habitat\n[evil]'; } },
  { field: /tenants\.0\.numbers\.0\.did/, change: (i) => { i.tenants[0]!.numbers[0]!.did = '212520000001,1,Dial(PJSIP/x)'; } },
  { field: /tenants\.0\.numbers\.1\.did/, change: (i) => { i.tenants[0]!.numbers[1]!.did = '_X.'; } },
  { field: /tenants\.1\.numbers\.0\.line/, change: (i) => { i.tenants[1]!.numbers[0]!.line = 'technique)'; } },
  { field: /site\.ari\.app/, change: (i) => { i.site.ari.app = 'ccapp,${SHELL(id)}'; } },
  { field: /site\.trunks\.0\.name/, change: (i) => { i.site.trunks[0]!.name = 'carrier]\ntype=endpoint'; } },
  { field: /site\.trunks\.0\.sourceAddresses\.0/, change: (i) => { i.site.trunks[0]!.sourceAddresses[0] = '0.0.0.0/0;x'; } },
  { field: /site\.trunks\.0\.codecs\.0/, change: (i) => { i.site.trunks[0]!.codecs[0] = 'all\nallow=all' as 'alaw'; } },
  { field: /site\.ari\.username/, change: (i) => { i.site.ari.username = 'ccapp\nread_only=no'; } },
  { field: /paths\.sounds/, change: (i) => { i.paths.sounds = '/var/lib/ccapp/../../etc'; } },
  { field: /paths\.sounds/, change: (i) => { i.paths.sounds = '/var/lib/ccapp sounds;x'; } },
  { field: /site\.http\.bindAddress/, change: (i) => { i.site.http.bindAddress = '0.0.0.0'; } },
];

for (const [n, attempt] of attempts.entries()) {
  test(`given a hostile value (#${n + 1}), when rendering, then it is refused with an error naming ${attempt.field.source}`, async (t) => {
    const error = t.throws(await renderWith(attempt.change));
    t.regex(error.message, attempt.field);
  });
}

test('given an ARI password with a newline, when rendering, then it is refused and the error does not show it', async (t) => {
  const error = t.throws(await renderWith((i) => { i.ariPassword = 'hunter22\n[admin]'; }), { instanceOf: UnsafeConfigValueError });
  t.regex(error.message, /ariPassword/);
  t.false(error.message.includes('hunter22'));
});

test('given an ARI password with a semicolon, when rendering, then it is refused (it would start a comment)', async (t) => {
  t.throws(await renderWith((i) => { i.ariPassword = 'abcdefgh;ijkl'; }), { message: /ariPassword/ });
});

test('given the same DID twice, when rendering, then the second one is refused', async (t) => {
  const error = t.throws(await renderWith((i) => { i.tenants[1]!.numbers[0]!.did = '212520000001'; }));
  t.regex(error.message, /tenants\.1\.numbers\.0\.did.*already routed by tenants\.0\.numbers\.0/);
});

test('given values the schemas accept, when checked, then they pass unchanged', (t) => {
  t.is(safe('x', 'carrier-demo'), 'carrier-demo');
  t.is(safe('x', '10.1.0.0/16', 'network'), '10.1.0.0/16');
  t.is(safe('x', '/var/lib/ccapp/sounds', 'path'), '/var/lib/ccapp/sounds');
  t.is(safe('x', 'Ab9!#%&*=?@[]^_{}~', 'secret'), 'Ab9!#%&*=?@[]^_{}~');
});

test('given hostile values, when validated by the schemas first, then they are refused before any rendering', (t) => {
  const tenant = TenantSchema.safeParse({ slug: 'x;y', name: 'n', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'], lines: [{ id: 'a)', label: 'l', flow: 'main' }], numbers: [{ did: '3317000000,1', line: 'a)' }], prompts: { welcome: { fr: 'w' } }, flows: {} });
  t.false(tenant.success);
  t.deepEqual(tenant.error?.issues.map((i) => i.path.join('.')).sort(), ['lines.0.id', 'numbers.0.did', 'numbers.0.line', 'slug']);
  const site = SiteSchema.safeParse({ name: 'ab', country: 'FR', hostname: 'h', sip: { bindAddress: '127.0.0.1' }, http: { bindAddress: '127.0.0.1' }, ari: { username: 'ccapp\n' }, trunks: [{ name: 'c]', sourceAddresses: ['1.2.3.4;'], host: '1.2.3.4' }] });
  t.false(site.success);
  t.deepEqual(site.error?.issues.map((i) => i.path.join('.')).sort(), ['ari.username', 'trunks.0.name', 'trunks.0.sourceAddresses.0']);
});
