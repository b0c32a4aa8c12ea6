// Per-tenant authorisation: every cross-tenant request is refused. A token of the outsourcer's
// own staff (no tenant) reaches every tenant; a tenant's token reaches that tenant only. An
// unknown tenant in the URL is a 404 whatever the token, so a refusal (403) only ever says
// "not yours" about a tenant that exists.
import type { Models } from '../../db/models/index.js';
import { ForbiddenError, NotFoundError } from '../errors/domain.js';
import type { TokenCredentials } from './credentials.js';
import { assertRole, type Role } from './roles.js';

export interface TenantRef {
  id: number;
  slug: string;
}

export type TenantLookup = (slug: string) => Promise<TenantRef | undefined>;

/** Throws a 403 unless the token is operator-level (no tenant) or belongs to `tenantSlug`. */
export function assertTenantAccess(credentials: Pick<TokenCredentials, 'tenant'>, tenantSlug: string): void {
  if (credentials.tenant === null || credentials.tenant === tenantSlug) return;
  throw new ForbiddenError('auth.tenant_forbidden', 'this token may not act on another tenant', { tenant: tenantSlug });
}

export function tenantLookup(models: Pick<Models, 'Tenant'>): TenantLookup {
  return async (slug) => {
    if (!/^[a-z][a-z0-9-]{1,31}$/.test(slug)) return undefined;
    const row = await models.Tenant.findOne({ where: { slug }, attributes: ['id', 'slug'] });
    return row ? { id: row.id, slug: row.slug } : undefined;
  };
}

/**
 * The tenant named in the URL, once the token may act on it with one of `roles`:
 * unknown tenant 404, another tenant's token 403, a role not allowed 403.
 */
export async function authoriseTenant(
  credentials: TokenCredentials, tenantSlug: string, lookup: TenantLookup, roles: readonly Role[], action: string,
): Promise<TenantRef> {
  const tenant = await lookup(tenantSlug);
  if (!tenant) throw new NotFoundError('tenant.not_found', `no tenant "${tenantSlug}"`, { tenant: tenantSlug });
  assertTenantAccess(credentials, tenant.slug);
  if (credentials.tenantId !== null && credentials.tenantId !== tenant.id) {
    throw new ForbiddenError('auth.tenant_forbidden', 'this token may not act on another tenant', { tenant: tenantSlug });
  }
  assertRole(credentials.role, roles, action);
  return tenant;
}
