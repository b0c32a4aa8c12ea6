// A broken configuration stops start-up with a message naming each bad field. Runs the real
// entry points inside the appliance, on its Node.js, against a copy of its /etc/ccapp.
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import test from 'ava';
import { inChroot, inRoot } from '../support/appliance.js';

function brokenConfigDir(t: { teardown(fn: () => void): void }): { host: string; inside: string } {
  const host = mkdtempSync(inRoot('/tmp/ccapp-config-'));
  t.teardown(() => rmSync(host, { recursive: true, force: true }));
  cpSync(inRoot('/etc/ccapp'), host, { recursive: true });
  return { host, inside: `/tmp/${basename(host)}` };
}

test('given a tenant with an invalid DID and a missing ARI secret, when the app starts, then it stops naming both fields', async (t) => {
  const dir = brokenConfigDir(t);
  const tenantFile = join(dir.host, 'tenants/habitat.json');
  const tenant = JSON.parse(readFileSync(tenantFile, 'utf8')) as { numbers: { did: string }[] };
  tenant.numbers[0]!.did = '+33 1 70 00';
  writeFileSync(tenantFile, JSON.stringify(tenant));
  const secrets = JSON.parse(readFileSync(join(dir.host, 'secrets.json'), 'utf8')) as Record<string, string>;
  delete secrets.ariPassword;
  writeFileSync(join(dir.host, 'secrets.json'), JSON.stringify(secrets));

  const run = await inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/main.js'], { CCAPP_CONFIG_DIR: dir.inside, CCAPP_HTTP_PORT: '18080' });
  t.is(run.code, 78);
  t.regex(run.stderr, /tenants\/habitat\.json: numbers\.0\.did: must be an E\.164 number/);
  t.regex(run.stderr, /secrets\.json: ariPassword: required/);
});

test('given a site file with invalid JSON and a bad port in the environment, when checked, then every problem is listed', async (t) => {
  const dir = brokenConfigDir(t);
  writeFileSync(join(dir.host, 'site.json'), '{ "name": ');
  const run = await inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/cli.js', 'check'], { CCAPP_CONFIG_DIR: dir.inside, CCAPP_HTTP_PORT: 'eighty' });
  t.is(run.code, 78);
  t.regex(run.stderr, /site\.json: invalid JSON/);
  t.regex(run.stderr, /ccapp\.json: http\.port/);
});

test('given the appliance configuration, when checked, then it is accepted', async (t) => {
  const run = await inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/cli.js', 'check'], { CCAPP_CONFIG_DIR: '/etc/ccapp' });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /tenants bench, energie, habitat/);
});

test('given a flow with an unknown prompt, an unreachable step and a loop with no exit, when the app starts, then it stops naming each step', async (t) => {
  const dir = brokenConfigDir(t);
  const tenantFile = join(dir.host, 'tenants/habitat.json');
  const tenant = JSON.parse(readFileSync(tenantFile, 'utf8')) as { flows: Record<string, { steps: Record<string, unknown> }> };
  const steps = tenant.flows.astreinte!.steps;
  steps.fin = { type: 'hangup', prompt: ['closed', 'au-revoir-inconnu'] };
  steps.oubli = { type: 'hangup' };
  steps.urgence = { type: 'menu', prompt: 'menu-astreinte', options: { 1: 'boucle' }, onTimeout: 'boucle', onInvalid: 'boucle', onMaxLoops: 'boucle' };
  steps.boucle = { type: 'announce', prompt: 'closed', next: 'urgence' };
  writeFileSync(tenantFile, JSON.stringify(tenant));

  const run = await inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/main.js'], { CCAPP_CONFIG_DIR: dir.inside, CCAPP_HTTP_PORT: '18080' });
  t.is(run.code, 78);
  t.regex(run.stderr, /tenants\/habitat\.json: flows: flow astreinte, step fin: unknown prompt "au-revoir-inconnu"/);
  t.regex(run.stderr, /flow astreinte, step oubli: can never be reached/);
  t.regex(run.stderr, /flow astreinte, step boucle: is in a loop with no exit/);
});
