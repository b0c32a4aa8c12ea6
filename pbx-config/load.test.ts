import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { loadSiteAndTenants, type LoadResult } from './load.js';
import { demoDirCopy, editJson, type SiteJson, type TenantJson } from './testing/fixtures.js';

const dirs: string[] = [];
test.after.always(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function copy(): Promise<string> {
  const dir = await demoDirCopy();
  dirs.push(dir);
  return dir;
}

function problemsOf(result: LoadResult): string[] {
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

test('given the demo config, when loaded, then the site, both reference tenants and the benchmark tenant come back validated', async (t) => {
  const result = await loadSiteAndTenants(await copy());
  if (!result.ok) return t.fail(result.problems.join('\n'));
  t.is(result.site.name, 'demo-fr1');
  t.deepEqual(result.tenants.map((x) => x.slug), ['bench', 'energie', 'habitat']);
});

test('given an invalid DID, when loaded, then the problem names the file and the field', async (t) => {
  const dir = await copy();
  await editJson<TenantJson>(dir, 'tenants/habitat.json', (x) => { x.numbers[0]!.did = '0170000001'; });
  const problems = problemsOf(await loadSiteAndTenants(dir));
  t.deepEqual(problems, ['tenants/habitat.json: numbers.0.did: must be an E.164 number: 8 to 15 digits, no leading + or 0']);
});

test('given a number on an unknown line, when loaded, then the problem names numbers.N.line', async (t) => {
  const dir = await copy();
  await editJson<TenantJson>(dir, 'tenants/energie.json', (x) => { x.numbers[2]!.line = 'astreinte'; });
  t.deepEqual(problemsOf(await loadSiteAndTenants(dir)), ['tenants/energie.json: numbers.2.line: unknown line "astreinte"']);
});

test('given the same DID in two tenants, when loaded, then the second tenant\'s file and field are named', async (t) => {
  const dir = await copy();
  await editJson<TenantJson>(dir, 'tenants/habitat.json', (x) => { x.numbers[0]!.did = '212520000002'; });
  t.deepEqual(problemsOf(await loadSiteAndTenants(dir)), ['tenants/habitat.json: numbers.0.did: DID 212520000002 is already used by tenant "energie"']);
});

test('given a prompt missing one of the tenant\'s languages, when loaded, then prompts.<name>.<lang> is named', async (t) => {
  const dir = await copy();
  await editJson<TenantJson>(dir, 'tenants/energie.json', (x) => { delete x.prompts.welcome.en; });
  t.deepEqual(problemsOf(await loadSiteAndTenants(dir)), ['tenants/energie.json: prompts.welcome.en: missing text for language "en"']);
});

test('given a file that is not JSON, when loaded, then the file and the parse error are named', async (t) => {
  const dir = await copy();
  await writeFile(join(dir, 'tenants/habitat.json'), '{\n  "slug": "habitat",\n}\n');
  const problems = problemsOf(await loadSiteAndTenants(dir));
  t.is(problems.length, 1);
  t.regex(problems[0] ?? '', /^tenants\/habitat\.json: invalid JSON \(.+\).*line 3/);
});

test('given problems in several files, when loaded, then all of them are reported at once', async (t) => {
  const dir = await copy();
  await editJson<SiteJson>(dir, 'site.json', (x) => { x.sip.rtpStart = 20000; x.trunks[0]!.sourceAddresses = ['not-an-ip']; });
  await editJson<TenantJson>(dir, 'tenants/habitat.json', (x) => { x.numbers[0]!.did = '+33170000001'; x.languages = ['fr', 'xx' as 'fr']; });
  await writeFile(join(dir, 'tenants/broken.json'), '[');
  const problems = problemsOf(await loadSiteAndTenants(dir));
  t.true(problems.some((p) => p.startsWith('site.json: trunks.0.sourceAddresses.0: ')), problems.join('\n'));
  t.true(problems.some((p) => p.startsWith('tenants/habitat.json: numbers.0.did: ')));
  t.true(problems.some((p) => p.startsWith('tenants/habitat.json: languages.1: ')));
  t.true(problems.some((p) => p.startsWith('tenants/broken.json: invalid JSON')));
});

test('given a trunk port inside the RTP range and a duplicate trunk, when loaded, then both are named', async (t) => {
  const dir = await copy();
  await editJson<SiteJson>(dir, 'site.json', (x) => { x.sip.port = 10500; x.trunks.push({ ...x.trunks[0]!, host: '127.0.0.3' }); });
  const problems = problemsOf(await loadSiteAndTenants(dir));
  t.deepEqual(problems, [
    'site.json: sip.port: must lie outside the RTP range 10000-13999',
    'site.json: trunks.1.name: duplicate trunk name "carrier-demo"',
    'site.json: trunks.1.sourceAddresses.0: 127.0.0.2 already identifies trunk "carrier-demo"',
  ]);
});

test('given no site.json, when loaded, then the missing file is named', async (t) => {
  const dir = await copy();
  await unlink(join(dir, 'site.json'));
  t.deepEqual(problemsOf(await loadSiteAndTenants(dir)), ['site.json: cannot be read (ENOENT)']);
});

test('given no tenants folder, when loaded, then the site loads with no tenant', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pbx-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'site.json'), JSON.stringify({ name: 'ab', country: 'MA', hostname: 'h', sip: { bindAddress: '127.0.0.1' }, http: { bindAddress: '127.0.0.1' }, ari: { username: 'ccapp' }, trunks: [{ name: 'c1', sourceAddresses: ['127.0.0.2'], host: '127.0.0.2' }] }));
  const result = await loadSiteAndTenants(dir);
  t.true(result.ok);
  t.deepEqual(result.ok ? result.tenants : undefined, []);
});
