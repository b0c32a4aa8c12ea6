// The one authorisation point. Every authenticated route declares who may call it with
// `access({ roles, owns })` in its options; an onPostAuth extension then checks, for sessions
// and tokens alike and before any handler runs:
//   1. a web session has passed its second factor (only the login's own routes take less);
//   2. a state-changing request of a web session carries its CSRF token (x-csrf-token);
//   3. the role is one of the route's roles (403 auth.role_forbidden);
//   4. a tenant in the URL exists (404) and is the identity's own, unless the identity is the
//      outsourcer's (no tenant) (403 auth.tenant_forbidden); staff-only routes refuse a tenant's;
//   5. each object the URL names (an agent, a call, a user, a token) exists in that tenant (404)
//      and, for an agent, is its own (403 auth.other_agent), as the owners registry answers.
// Handlers read the authorised tenant with tenantOf(request). A route without a declaration
// stops the server from starting.
import { timingSafeEqual } from 'node:crypto';
import type { Lifecycle, Request, RouteOptions, Server } from '@hapi/hapi';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors/domain.js';
import type { UserSession } from '../../db/models/index.js';
import { identityOf, type Identity } from './credentials.js';
import { ROLES, type Role } from './roles.js';
import type { TenantLookup, TenantRef } from './tenant-access.js';

export type OwnedKind = 'agent' | 'call' | 'user' | 'token';

/**
 * Who owns an object a URL names: undefined when there is no such object in the tenant (404),
 * else the agents it belongs to (an agent may act on it only when it is one of them).
 */
export type OwnerResolver = (tenant: TenantRef, id: string) => Promise<{ agents: readonly string[] } | undefined>;

/** Filled by the capabilities that own each kind of object, before the server starts. */
export type OwnershipResolvers = Partial<Record<OwnedKind, OwnerResolver>>;

export interface RouteAccess {
  /** The roles that may call the route; `any` = every identity (the session's own routes). */
  roles: readonly Role[] | 'any';
  /** The URL names no tenant and only the outsourcer's own staff (no tenant) may call it. */
  staffOnly?: boolean;
  /** Path parameters naming objects of the tenant, by kind: `{ agent: 'id' }`. */
  owns?: Partial<Record<OwnedKind, string>>;
  /** A web session still at its second factor may call it (the login's own routes only). */
  partialSession?: boolean;
}

const KEY = 'ccappAccess';

/** Route options declaring who may call it: `options: { ...access({ roles: ADMINS }) }`. */
export function access(declared: RouteAccess): Pick<RouteOptions, 'plugins'> {
  return { plugins: { [KEY]: declared } };
}

export function accessOf(settings: { plugins?: unknown }): RouteAccess | undefined {
  return (settings.plugins as Record<string, RouteAccess | undefined> | undefined)?.[KEY];
}

/** The tenant the access check authorised for this request (routes with {tenant} only). */
export function tenantOf(request: Request): TenantRef {
  const tenant = (request.app as { tenant?: TenantRef }).tenant;
  if (!tenant) throw new Error(`route ${request.route.path} reads a tenant it does not declare`);
  return tenant;
}

const SAFE_METHODS = new Set(['get', 'head', 'options']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws unless the request carries its session's CSRF token. */
export function assertCsrf(request: Request, expected: string): void {
  const sent: unknown = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameSecret(sent, expected)) {
    throw new ForbiddenError('auth.csrf', 'this request must carry the session\'s x-csrf-token header');
  }
}

/** The tenant a request may act on, once `identity` passed every rule of `declared` (see top). */
export async function authorise(
  identity: Identity, declared: RouteAccess, params: Record<string, unknown>, deps: { lookup: TenantLookup; owners: OwnershipResolvers }, what: string,
): Promise<TenantRef | undefined> {
  if (identity.kind === 'session' && identity.sessionStage !== 'complete' && !declared.partialSession) {
    throw new UnauthenticatedError('auth.second_factor_required', 'finish logging in with your second factor first');
  }
  if (declared.roles !== 'any' && !declared.roles.includes(identity.role)) {
    throw new ForbiddenError('auth.role_forbidden', `the ${identity.role} role may not ${what}`, { role: identity.role, allowed: [...declared.roles] });
  }
  if (declared.staffOnly && identity.tenant !== null) {
    throw new ForbiddenError('auth.tenant_forbidden', 'only the outsourcer\'s own staff may do this');
  }
  const slug = params.tenant;
  if (typeof slug !== 'string') return undefined;
  const tenant = await deps.lookup(slug);
  if (!tenant) throw new NotFoundError('tenant.not_found', `no tenant "${slug}"`, { tenant: slug });
  if (identity.tenant !== null && (identity.tenant !== tenant.slug || identity.tenantId !== tenant.id)) {
    throw new ForbiddenError('auth.tenant_forbidden', 'you may not act on another tenant', { tenant: slug });
  }
  for (const [kind, param] of Object.entries(declared.owns ?? {}) as [OwnedKind, string][]) {
    const id = params[param];
    const resolver = deps.owners[kind];
    if (!resolver) throw new Error(`no owner resolver for ${kind} (${what})`);
    const owner = typeof id === 'string' && id.length <= 64 ? await resolver(tenant, id) : undefined;
    if (!owner) throw new NotFoundError(`${kind}.not_found`, `no ${kind} "${String(id)}" in this tenant`, { [kind]: id });
    if (identity.role === 'agent' && (identity.agentId === null || !owner.agents.includes(identity.agentId))) {
      throw new ForbiddenError('auth.other_agent', `an agent may act on its own ${kind} only`, { [kind]: id });
    }
  }
  return tenant;
}

export function accessExtension(deps: { lookup: TenantLookup; owners: OwnershipResolvers }): Lifecycle.Method {
  return async (request, h) => {
    const declared = accessOf(request.route.settings);
    if (!request.auth.isAuthenticated || !declared) return h.continue;
    const identity = identityOf(request);
    if (identity.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const { session } = request.auth.artifacts as { session: UserSession };
      assertCsrf(request, session.csrf);
    }
    const tenant = await authorise(identity, declared, request.params, deps, `${request.method.toUpperCase()} ${request.route.path}`);
    if (tenant) (request.app as { tenant?: TenantRef }).tenant = tenant;
    return h.continue;
  };
}

/** Throws at start-up naming every authenticated route without a declaration or with an unknown role. */
export function assertRoutesDeclared(server: Server): void {
  const problems: string[] = [];
  for (const route of server.table()) {
    if ((route.settings.auth as unknown) === false) continue;
    const declared = accessOf(route.settings);
    const name = `${route.method.toUpperCase()} ${route.path}`;
    if (!declared) { problems.push(`${name}: no access declaration`); continue; }
    if (declared.roles !== 'any' && (declared.roles.length === 0 || declared.roles.some((r) => !ROLES.includes(r)))) problems.push(`${name}: bad roles`);
    const hasTenant = route.path.includes('{tenant}');
    if (declared.staffOnly && hasTenant) problems.push(`${name}: staffOnly with a tenant in the URL`);
    for (const param of Object.values(declared.owns ?? {})) {
      if (!hasTenant || !route.path.includes(`{${param}}`)) problems.push(`${name}: owns {${param}} but the URL lacks it or {tenant}`);
    }
  }
  if (problems.length) throw new Error(`routes without a valid access declaration:\n  ${problems.join('\n  ')}`);
}
