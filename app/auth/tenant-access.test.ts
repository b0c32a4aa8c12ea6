import test from 'ava';
import type { TokenCredentials } from './credentials.js';
import { assertRole } from './roles.js';
import { assertTenantAccess, authoriseTenant, type TenantLookup } from './tenant-access.js';

const TENANTS = { habitat: { id: 1, slug: 'habitat' }, energie: { id: 2, slug: 'energie' } };
const lookup: TenantLookup = (slug) => Promise.resolve(Object.values(TENANTS).find((t) => t.slug === slug));

const token = (role: TokenCredentials['role'], tenant: keyof typeof TENANTS | null): TokenCredentials => ({
  tokenId: 7, role, scope: [role], tenant, tenantId: tenant ? TENANTS[tenant].id : null, agentId: null,
});

test('given an operator-level token (no tenant), when it acts on any tenant, then it may', (t) => {
  t.notThrows(() => assertTenantAccess(token('operator_admin', null), 'habitat'));
  t.notThrows(() => assertTenantAccess(token('supervisor', null), 'energie'));
});

test('given a tenant\'s token, when it acts on its own tenant, then it may', (t) => {
  t.notThrows(() => assertTenantAccess(token('tenant_admin', 'habitat'), 'habitat'));
});

test('given a tenant\'s token, when it acts on another tenant, then a 403 tenant_forbidden is thrown', (t) => {
  const err = t.throws(() => assertTenantAccess(token('tenant_admin', 'habitat'), 'energie'));
  t.like(err, { status: 403, id: 'auth.tenant_forbidden' });
});

test('given an unknown tenant in the URL, when authorised, then it is a 404 whatever the token', async (t) => {
  for (const who of [token('operator_admin', null), token('tenant_admin', 'habitat'), token('agent', 'energie')]) {
    const err = await t.throwsAsync(authoriseTenant(who, 'nowhere', lookup, ['tenant_admin'], 'upload prompts'));
    t.like(err, { status: 404, id: 'tenant.not_found' }, who.role);
  }
});

test('given another tenant\'s token, when authorised, then it is a 403 before any role check', async (t) => {
  const err = await t.throwsAsync(authoriseTenant(token('agent', 'habitat'), 'energie', lookup, ['tenant_admin'], 'upload prompts'));
  t.like(err, { status: 403, id: 'auth.tenant_forbidden' });
});

test('given a token whose tenant id disagrees with its slug, when authorised, then it is refused', async (t) => {
  const forged = { ...token('tenant_admin', 'habitat'), tenantId: TENANTS.energie.id };
  const err = await t.throwsAsync(authoriseTenant(forged, 'habitat', lookup, ['tenant_admin'], 'upload prompts'));
  t.like(err, { status: 403, id: 'auth.tenant_forbidden' });
});

test('given its own tenant but a role not allowed, when authorised, then a 403 role_forbidden names the roles allowed', async (t) => {
  const err = await t.throwsAsync(authoriseTenant(token('agent', 'habitat'), 'habitat', lookup, ['tenant_admin', 'operator_admin'], 'upload prompts'));
  t.like(err, { status: 403, id: 'auth.role_forbidden', details: { role: 'agent', allowed: ['tenant_admin', 'operator_admin'] } });
});

test('given the right tenant and role, when authorised, then the tenant comes back', async (t) => {
  t.deepEqual(await authoriseTenant(token('supervisor', 'energie'), 'energie', lookup, ['supervisor'], 'listen'), TENANTS.energie);
  t.deepEqual(await authoriseTenant(token('operator_admin', null), 'habitat', lookup, ['operator_admin'], 'upload'), TENANTS.habitat);
});

test('given a role and an allowed list, when asserted, then only the listed roles pass', (t) => {
  t.notThrows(() => assertRole('supervisor', ['supervisor', 'client_viewer'], 'listen'));
  t.like(t.throws(() => assertRole('client_viewer', ['tenant_admin'], 'upload')), { status: 403 });
});
