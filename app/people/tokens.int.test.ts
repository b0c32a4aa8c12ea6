// The machines' tokens API on a real MariaDB through hapi's inject: a tenant's administrators
// create (the secret shown once), list and revoke their tenant's tokens, the outsourcer's
// administrators the staff's too; a revoked token is refused at once (401); another tenant's
// token is not found; every creation and revocation is audited, without the secret or its hash.
import anyTest, { type TestFn } from 'ava';
import { hashToken, TOKEN_RE } from '../auth/token-format.js';
import type { PresentedToken } from './present.js';
import { auditRows, peopleFixture, type PeopleFixture } from './test-support.js';

const test = anyTest as TestFn<PeopleFixture & { secrets: string[] }>;
type Created = { token: PresentedToken; secret: string };

test.before(async (t) => {
  Object.assign(t.context, await peopleFixture(), { secrets: [] });
});
test.after.always(async (t) => {
  await t.context.stop?.();
});

const HABITAT = '/api/tenants/habitat/tokens';
const STAFF = '/api/staff/tokens';

test.serial('given a tenant_admin, when they create tokens, then the secret is returned once and works, and the list shows no secret', async (t) => {
  const { call, agents } = t.context;
  const admin = await call<Created>('habitatAdmin', 'POST', HABITAT, { name: ' provisioning ', role: 'tenant_admin' });
  t.is(admin.status, 201);
  t.regex(admin.body.secret, TOKEN_RE);
  t.like(admin.body.token, { name: 'provisioning', role: 'tenant_admin', tenant: 'habitat', agentId: null, lastUsedAt: null, revokedAt: null });
  const agent = await call<Created>('habitatAdmin', 'POST', HABITAT, { name: 'softphone 201', role: 'agent', agent: '201' });
  t.like(agent.body.token, { role: 'agent', agentId: agents.habitat201.id, agentLogin: '201' });
  t.context.secrets.push(admin.body.secret, agent.body.secret);

  t.like(await call({ token: admin.body.secret }, 'GET', '/api/tenants/habitat/users'), { status: 200 }, 'the new token is live');
  const list = await call<PresentedToken[]>('habitatAdmin', 'GET', HABITAT);
  t.is(list.status, 200);
  const made = list.body.find((x) => x.id === admin.body.token.id);
  t.like(made, { name: 'provisioning' });
  t.not(made?.lastUsedAt, null, 'its use is shown');
  t.deepEqual(Object.keys(made ?? {}).sort(), ['agentId', 'agentLogin', 'createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role', 'tenant']);
  t.true(list.body.every((x) => x.tenant === 'habitat'));
  t.false(list.body.some((x) => x.id === t.context.tokens.energieAdmin.id || x.id === t.context.tokens.operator.id));

  const [audited] = (await auditRows(t.context.models, 'token.created')).filter((r) => r.tokenId === admin.body.token.id);
  t.like(audited, {
    tenantId: t.context.tenants.habitat.id, actor: `token ${t.context.tokens.habitatAdmin.id} (habitat admin)`, method: 'POST', path: HABITAT,
    data: { author: { tokenId: t.context.tokens.habitatAdmin.id, userId: null }, name: 'provisioning', role: 'tenant_admin', agentLogin: null },
  });
});

test.serial('given tokens against the rules, when created, then 422 with the rule broken, 400 for malformed bodies, 403 for the wrong caller', async (t) => {
  const { call } = t.context;
  const cases: [Record<string, unknown>, number, string][] = [
    [{ name: 'x', role: 'operator_admin' }, 422, 'token.tenant_rule'],
    [{ name: 'x', role: 'agent' }, 422, 'token.agent_rule'],
    [{ name: 'x', role: 'supervisor', agent: '201' }, 422, 'token.agent_rule'],
    [{ name: 'x', role: 'agent', agent: '205' }, 422, 'token.agent_not_found'],
    [{ name: '', role: 'supervisor' }, 400, 'request.invalid'],
    [{ name: 'x'.repeat(121), role: 'supervisor' }, 400, 'request.invalid'],
    [{ name: 'x', role: 'supervisor', secret: 'ccapp_mine' }, 400, 'request.invalid'],
  ];
  const before = await t.context.models.ApiToken.count();
  for (const [body, status, id] of cases) t.like(await call('habitatAdmin', 'POST', HABITAT, body), { status, body: { error: { id } } }, JSON.stringify(body));
  t.like(await call('operator', 'POST', STAFF, { name: 'x', role: 'client_viewer' }), { status: 422, body: { error: { id: 'token.tenant_rule' } } });
  t.like(await call('habitatSupervisor', 'POST', HABITAT, { name: 'x', role: 'supervisor' }), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  t.like(await call('habitatViewer', 'GET', HABITAT), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  t.like(await call('energieAdmin', 'GET', HABITAT), { status: 403, body: { error: { id: 'auth.tenant_forbidden' } } });
  t.like(await call('habitatAdmin', 'GET', STAFF), { status: 403, body: { error: { id: 'auth.role_forbidden' } } });
  t.is(await t.context.models.ApiToken.count(), before);
});

test.serial('given a live token, when revoked, then it is refused at once (401), a second revocation is harmless and only one is audited', async (t) => {
  const { call } = t.context;
  const made = await call<Created>('habitatAdmin', 'POST', HABITAT, { name: 'leaver', role: 'tenant_admin' });
  t.context.secrets.push(made.body.secret);
  t.like(await call({ token: made.body.secret }, 'GET', HABITAT), { status: 200 });

  t.is((await call('habitatAdmin', 'DELETE', `${HABITAT}/${made.body.token.id}`)).status, 204);
  t.like(await call({ token: made.body.secret }, 'GET', HABITAT), { status: 401, body: { error: { id: 'auth.invalid_token' } } });
  t.is((await call('operator', 'DELETE', `${HABITAT}/${made.body.token.id}`)).status, 204);

  const list = await call<PresentedToken[]>('habitatAdmin', 'GET', HABITAT);
  t.not(list.body.find((x) => x.id === made.body.token.id)?.revokedAt, null);
  const revoked = (await auditRows(t.context.models, 'token.revoked')).filter((r) => r.tokenId === made.body.token.id);
  t.is(revoked.length, 1);
  t.like(revoked[0], { tenantId: t.context.tenants.habitat.id, actor: `token ${t.context.tokens.habitatAdmin.id} (habitat admin)`, method: 'DELETE', data: { name: 'leaver' } });
});

test.serial('given tokens of other places, when revoked under a tenant\'s URL, then 404 token.not_found and they stay live', async (t) => {
  const { call, tokens } = t.context;
  for (const id of [tokens.energieAdmin.id, tokens.operator.id, 999_999, 'abc']) {
    t.like(await call('habitatAdmin', 'DELETE', `${HABITAT}/${id}`), { status: 404, body: { error: { id: 'token.not_found' } } }, String(id));
  }
  t.like(await call('operator', 'DELETE', `${STAFF}/${tokens.habitatAdmin.id}`), { status: 404, body: { error: { id: 'token.not_found' } } });
  t.like(await call('energieAdmin', 'GET', '/api/tenants/energie/tokens'), { status: 200 });
  t.like(await call('operator', 'GET', STAFF), { status: 200 });
});

test.serial('given the staff\'s tokens, when an operator_admin manages them, then only tenant-less tokens are listed, made and revoked', async (t) => {
  const { call } = t.context;
  const made = await call<Created>('operator', 'POST', STAFF, { name: 'night supervisor', role: 'supervisor' });
  t.is(made.status, 201);
  t.like(made.body.token, { tenant: null, role: 'supervisor' });
  t.context.secrets.push(made.body.secret);
  const list = await call<PresentedToken[]>('operator', 'GET', STAFF);
  t.true(list.body.every((x) => x.tenant === null));
  t.deepEqual(list.body.map((x) => x.name), ['ops console', 'staff supervisor', 'night supervisor']);
  t.is((await call('operator', 'DELETE', `${STAFF}/${made.body.token.id}`)).status, 204);
  t.like(await call({ token: made.body.secret }, 'GET', STAFF), { status: 401 });
  t.like((await auditRows(t.context.models, 'token.revoked')).at(-1), { tokenId: made.body.token.id, tenantId: null });
});

test.serial('given every answer and audit row, when searched, then a token\'s secret is only in the answer that made it and its hash nowhere', async (t) => {
  const { answers, models, secrets } = t.context;
  const audit = JSON.stringify(await models.AuditEvent.findAll({ raw: true }));
  for (const secret of secrets) {
    t.false(audit.includes(secret));
    t.false(audit.includes(hashToken(secret)));
    t.is(answers.filter((a) => a.includes(secret)).length, 1, 'shown once');
    t.false(answers.some((a) => a.includes(hashToken(secret))));
  }
  t.false(answers.some((a) => /tokenSha256/i.test(a)));
});
