// The appliance really runs: Asterisk 22 answers ARI, MariaDB 11 answers SQL with our schema,
// and the app runs on Debian's Node.js 24 and is ready. These fail if any of them is not there.
import test from 'ava';
import { MODULES } from '../../pbx-config/render/modules.js';
import { api } from '../support/api.js';
import { ari, db, inChroot, select } from '../support/appliance.js';

test('given the started appliance, when ARI is asked, then Asterisk 22 answers with our Stasis app registered', async (t) => {
  const info = await ari<{ system: { version: string } }>('/asterisk/info');
  t.regex(info.system.version, /^22\./);
  const apps = await ari<{ name: string }[]>('/applications');
  t.true(apps.some((a) => a.name === 'ccapp'), `registered apps: ${apps.map((a) => a.name).join(', ')}`);
  const cli = await inChroot(['/usr/sbin/asterisk', '-rx', 'pjsip show endpoints']);
  t.is(cli.code, 0, cli.stderr);
  t.regex(cli.stdout, /carrier-demo/);
});

test('given the rendered modules.conf, when Asterisk runs, then every listed module is running and no other channel driver is', async (t) => {
  const cli = await inChroot(['/usr/sbin/asterisk', '-rx', 'module show']);
  t.is(cli.code, 0, cli.stderr);
  const running = new Set(cli.stdout.split('\n').filter((l) => /\bRunning\b/.test(l)).map((l) => l.trim().split(/\s+/)[0]?.replace(/\.so$/, '')));
  const missing = MODULES.filter((m) => !running.has(m));
  t.deepEqual(missing, [], `modules not running: ${missing.join(', ')}`);
  t.false(running.has('chan_sip') || running.has('app_queue') || running.has('chan_iax2'));
});

test('given the started appliance, when MariaDB is queried, then it is MariaDB 11 with the migrated, seeded schema', async (t) => {
  const conn = await db();
  t.teardown(() => conn.end());
  const [version] = await select<{ v: string }>(conn, 'SELECT VERSION() AS v');
  t.regex(version?.v ?? '', /^11\..*MariaDB/);
  const tenants = await select<{ slug: string }>(conn, 'SELECT slug FROM tenants ORDER BY slug');
  t.deepEqual(tenants.map((r) => r.slug), ['bench', 'energie', 'habitat']);
  const numbers = await select<{ did: string }>(conn, 'SELECT did FROM numbers WHERE active ORDER BY did');
  t.deepEqual(numbers.map((r) => r.did), ['212520000001', '212520000002', '212520000003', '33170000001', '33999000002']);
});

test('given the started appliance, when /ready and /health are asked, then the app is ready on Node.js 24', async (t) => {
  const ready = await api(undefined, 'GET', '/ready');
  t.is(ready.status, 200);
  t.deepEqual(ready.body, { ready: true, checks: { ari: true, db: true } });
  const health = await api(undefined, 'GET', '/health');
  t.like(health.body, { status: 'ok' });
  t.regex((health.body as { node: string }).node, /^v2[4-9]\./);
  const metrics = await api(undefined, 'GET', '/metrics');
  t.regex(String(metrics.body), /ccapp_ari_connected 1/);
});

test('given the started appliance, when Asterisk lists its hold music, then the default class has files for callers waiting in a queue', async (t) => {
  const run = await inChroot(['asterisk', '-rx', 'moh show files']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /Class: default/);
  t.regex(run.stdout, /File: \/usr\/share\/asterisk\/moh\//, run.stdout.slice(0, 500));
});
