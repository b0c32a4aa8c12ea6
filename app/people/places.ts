// Where the people APIs live: each resource (users, tokens) once under a tenant's URL, for its
// tenant_admin and the operator_admin, and once under /api/staff for the outsourcer's own
// (operator_admin only). A route naming one object checks that the tenant owns it.
import type { Request, RouteOptions } from '@hapi/hapi';
import { tenantOf, type RouteAccess } from '../auth/access.js';
import type { Role } from '../auth/roles.js';
import type { Scope } from './acting.js';

const ADMINS: readonly Role[] = ['operator_admin', 'tenant_admin'];
const OPERATORS: readonly Role[] = ['operator_admin'];
/** Bodies here are a few short fields. */
export const SMALL_BODY: RouteOptions['payload'] = { maxBytes: 16_384 };

export interface Place {
  base: string;
  scope: (request: Request) => Scope;
  /** Who may call the list and create routes. */
  all: RouteAccess;
  /** Who may call the routes naming one object. */
  one: RouteAccess;
}

/** The two places of a resource ('users', 'tokens'), whose one-object routes take `{param}`. */
export function placesOf(resource: string, owner: string, param: string): Place[] {
  return [
    {
      base: `/api/tenants/{tenant}/${resource}`, scope: tenantOf,
      all: { roles: ADMINS }, one: { roles: ADMINS, owns: { [owner]: param } },
    },
    {
      base: `/api/staff/${resource}`, scope: () => null,
      all: { roles: OPERATORS, staffOnly: true }, one: { roles: OPERATORS, staffOnly: true },
    },
  ];
}
