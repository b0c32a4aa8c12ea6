// The identity a request carries once the `token` strategy accepted it.
import type { AuthCredentials, Request } from '@hapi/hapi';
import { isRole, type Role } from './roles.js';

export interface TokenCredentials extends AuthCredentials {
  tokenId: number;
  /** Null for the outsourcer's own staff, who work across tenants. */
  tenantId: number | null;
  /** The tenant's slug, null with tenantId. */
  tenant: string | null;
  role: Role;
  /** The one agent an `agent` token acts for (see agent-access.ts); null for every other role. */
  agentId: string | null;
  scope: [Role];
}

function isTokenCredentials(c: unknown): c is TokenCredentials {
  const o = c as Partial<Record<keyof TokenCredentials, unknown>> | null;
  return typeof o?.tokenId === 'number' && isRole(o.role)
    && (o.tenantId === null || typeof o.tenantId === 'number')
    && (o.tenant === null || typeof o.tenant === 'string')
    && (o.agentId === null || typeof o.agentId === 'string');
}

/** The request's token identity; a route without the `token` strategy asking for it is a bug. */
export function identityOf(request: Request): TokenCredentials {
  const credentials: unknown = request.auth.credentials;
  if (!request.auth.isAuthenticated || !isTokenCredentials(credentials)) {
    throw new Error(`route ${request.route.method} ${request.route.path} reads token credentials without the token strategy`);
  }
  return credentials;
}
