// Reading the audit log on a real MariaDB through hapi's inject: the outsourcer's administrators
// read every row, a tenant's administrator only their tenant's; filters by period, type prefix
// (literally: _ is no wildcard) and user; pages newest first that chain with `before`.
import anyTest, { type TestFn } from 'ava';
import type { PresentedAuditEvent } from './present.js';
import { peopleFixture, type PeopleFixture } from './test-support.js';

const test = anyTest as TestFn<PeopleFixture>;
type Page = { events: PresentedAuditEvent[]; next: number | null };

test.before(async (t) => {
  Object.assign(t.context, await peopleFixture());
  const { models, tenants } = t.context;
  // Rows of known times for the filters, beside those the API calls below write.
  const at = (s: string) => new Date(`2026-11-${s}Z`);
  await models.AuditEvent.bulkCreate([
    { at: at('01T08:00:00'), type: 'login.ok', tenantId: tenants.habitat.id, userId: 501, tokenId: null, actor: 'user 501 (a)', address: null, method: null, path: null, status: null, data: {} },
    { at: at('02T08:00:00'), type: 'login.failed', tenantId: tenants.habitat.id, userId: 501, tokenId: null, actor: 'user 501 (a)', address: null, method: null, path: null, status: null, data: { reason: 'bad_password' } },
    { at: at('03T08:00:00'), type: 'login.ok', tenantId: tenants.energie.id, userId: 502, tokenId: null, actor: 'user 502 (b)', address: null, method: null, path: null, status: null, data: {} },
    { at: at('04T08:00:00'), type: 'secondxfactor.odd', tenantId: null, userId: null, tokenId: null, actor: null, address: null, method: null, path: null, status: null, data: {} },
    { at: at('05T08:00:00'), type: 'second_factor.reset', tenantId: null, userId: 503, tokenId: null, actor: 'cli (root)', address: null, method: null, path: null, status: null, data: {} },
  ]);
  const { call } = t.context;
  await call('habitatAdmin', 'POST', '/api/tenants/habitat/users', { login: 'hab-sup', name: 'H', role: 'supervisor' });
  await call('energieAdmin', 'POST', '/api/tenants/energie/users', { login: 'ene-sup', name: 'E', role: 'supervisor' });
  await call('operator', 'POST', '/api/staff/users', { login: 'staff-q', name: 'Q', role: 'quality' });
  await call('energieAdmin', 'GET', '/api/tenants/habitat/users'); // refused: an auth.forbidden row of energie's
});
test.after.always(async (t) => {
  await t.context.stop?.();
});

test.serial('given an operator_admin, when they read the staff audit, then every row comes, newest first, with its tenant\'s slug', async (t) => {
  const page = await t.context.call<Page>('operator', 'GET', '/api/staff/audit');
  t.is(page.status, 200);
  const { events } = page.body;
  t.is(events.length, await t.context.models.AuditEvent.count());
  t.deepEqual(events.map((e) => e.id), [...events.map((e) => e.id)].sort((a, b) => b - a));
  t.deepEqual([...new Set(events.map((e) => e.tenant ?? '-'))].sort(), ['-', 'energie', 'habitat']);
  t.like(events.find((e) => e.type === 'user.created' && e.tenant === 'energie'), { actor: `token ${t.context.tokens.energieAdmin.id} (energie admin)`, method: 'POST', path: '/api/tenants/energie/users' });
  t.deepEqual(Object.keys(events[0] ?? {}).sort(), ['actor', 'address', 'at', 'data', 'id', 'method', 'path', 'status', 'tenant', 'tokenId', 'type', 'userId']);
  t.is(page.body.next, null);
});

test.serial('given a tenant_admin, when they read their tenant\'s audit, then only its rows come, another tenant\'s and the staff\'s are refused', async (t) => {
  const { call } = t.context;
  const mine = await call<Page>('habitatAdmin', 'GET', '/api/tenants/habitat/audit');
  t.is(mine.status, 200);
  t.true(mine.body.events.length >= 3);
  t.true(mine.body.events.every((e) => e.tenant === 'habitat'));
  t.like(await call('habitatAdmin', 'GET', '/api/tenants/energie/audit'), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
  t.like(await call('habitatAdmin', 'GET', '/api/staff/audit'), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  t.like(await call('habitatViewer', 'GET', '/api/tenants/habitat/audit'), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  t.like(await call('staffSupervisor', 'GET', '/api/staff/audit'), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  const energie = await call<Page>('operator', 'GET', '/api/tenants/energie/audit');
  t.true(energie.body.events.every((e) => e.tenant === 'energie'));
  t.true(energie.body.events.some((e) => e.type === 'auth.forbidden'), 'the refused request of energie\'s admin is in energie\'s log');
});

test.serial('given filters, when the audit is read, then period, type prefix and user narrow it, _ matching itself only', async (t) => {
  const { call } = t.context;
  const types = async (query: string, who: 'operator' | 'habitatAdmin' = 'operator', base = '/api/staff/audit') =>
    (await call<Page>(who, 'GET', `${base}?${query}`)).body.events.map((e) => e.type);
  t.deepEqual(await types('from=2026-11-02T09:00:00%2B01:00&to=2026-11-04T08:00:00Z'), ['login.ok', 'login.failed']);
  t.deepEqual(await types('type=login.&to=2026-12-01T00:00:00Z'), ['login.ok', 'login.failed', 'login.ok']);
  t.deepEqual(await types('type=second_factor.'), ['second_factor.reset']);
  t.deepEqual(await types('userId=501'), ['login.failed', 'login.ok']);
  t.deepEqual(await types('type=login.&to=2026-12-01T00:00:00Z', 'habitatAdmin', '/api/tenants/habitat/audit'), ['login.failed', 'login.ok']);
  t.deepEqual(await types('type=user.created', 'habitatAdmin', '/api/tenants/habitat/audit'), ['user.created']);
  for (const bad of ['from=2026-11-01', 'limit=501', 'limit=0', 'type=LOGIN', 'userId=x', 'tenant=habitat', 'from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z']) {
    t.like(await call('operator', 'GET', `/api/staff/audit?${bad}`), { status: 400, body: { error: { id: 'request.invalid' } } }, bad);
  }
});

test.serial('given a small page size, when the pages are followed with before, then every row comes once, newest first, and the last page says so', async (t) => {
  const { call, models } = t.context;
  const seen: number[] = [];
  let url = '/api/staff/audit?limit=3';
  for (let pages = 0; pages < 50; pages += 1) {
    const { body } = await call<Page>('operator', 'GET', url);
    t.true(body.events.length <= 3);
    seen.push(...body.events.map((e) => e.id));
    if (body.next === null) break;
    t.is(body.next, body.events.at(-1)?.id ?? -1);
    url = `/api/staff/audit?limit=3&before=${body.next}`;
  }
  // The reads themselves write nothing; only refusals would.
  const all = (await models.AuditEvent.findAll({ attributes: ['id'], order: [['id', 'DESC']] })).map((r) => r.id);
  t.deepEqual(seen, all);
});
