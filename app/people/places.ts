// Where the people APIs live: each resource (users, tokens) once under a tenant's URL, for its
// tenant_admin and the operator_admin, and once under /api/staff for the outsourcer's own
// (operator_admin only). A route naming one object checks that the tenant owns it.
import type { Request, RouteOptions, ServerRoute } from '@hapi/hapi';
import type { z } from 'zod';
import { access, tenantOf, type RouteAccess } from '../auth/access.js';
import type { Role } from '../auth/roles.js';
import { parseRequest } from '../errors/validation.js';
import { actingOf, type Acting, type Scope } from './acting.js';

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

/** What the list and create routes of a place need from its service. */
export interface Collection<S extends z.ZodType> {
  list(scope: Scope): Promise<object>;
  create(scope: Scope, input: z.output<S>, acting: Acting): Promise<object>;
}

/** `GET base` (the list) and `POST base` (a new one from a body of `schema`: 201). */
export function listAndCreate<S extends z.ZodType>({ base, scope, all }: Place, service: Collection<S>, schema: S): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: base,
      options: access(all),
      handler: (request) => service.list(scope(request)),
    },
    {
      method: 'POST',
      path: base,
      options: { ...access(all), payload: SMALL_BODY },
      handler: async (request, h) => {
        const body = parseRequest(schema, request.payload);
        return h.response(await service.create(scope(request), body, actingOf(request))).code(201);
      },
    },
  ];
}
