// Tenants as the authorisation point (access.ts) sees them: the id and slug a URL's {tenant}
// names, looked up in MariaDB (an unknown or malformed slug is simply not found).
import type { Models } from '../../db/models/index.js';

export interface TenantRef {
  id: number;
  slug: string;
}

export type TenantLookup = (slug: string) => Promise<TenantRef | undefined>;

export function tenantLookup(models: Pick<Models, 'Tenant'>): TenantLookup {
  return async (slug) => {
    if (!/^[a-z][a-z0-9-]{1,31}$/.test(slug)) return undefined;
    const row = await models.Tenant.findOne({ where: { slug }, attributes: ['id', 'slug'] });
    return row ? { id: row.id, slug: row.slug } : undefined;
  };
}
