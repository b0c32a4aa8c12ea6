// Which roles a person (or an API token) may be given in a place, as the server's rules have it
// (app/people/rules.ts): the outsourcer's staff are platform administrators, supervisors or
// quality; a tenant's people are anything but a platform administrator. An agent, and only an
// agent, is linked to one agent of the tenant.
import type { Place } from '../api/admin';
import type { Role } from '../api/types';

const STAFF_ROLES: readonly Role[] = ['supervisor', 'quality', 'operator_admin'];
const TENANT_ROLES: readonly Role[] = ['agent', 'supervisor', 'quality', 'client_viewer', 'tenant_admin'];

export function rolesFor(place: Place): readonly Role[] {
  return place === null ? STAFF_ROLES : TENANT_ROLES;
}

export const linksAgent = (role: Role): boolean => role === 'agent';

/** A tenant's slug as the server accepts it (app/people/schemas.ts). */
export const TENANT_SLUG = /^[a-z][a-z0-9-]{1,31}$/;
/** A login as the server accepts it (app/people/rules.ts). */
export const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
/** An agent's login: digits. */
export const AGENT_LOGIN = /^[0-9]{2,8}$/;

/** The slug typed by an operator, cleaned (spaces dropped, lower case), or null when it is not one. */
export function cleanSlug(typed: string): string | null {
  const slug = typed.trim().toLowerCase();
  return TENANT_SLUG.test(slug) ? slug : null;
}
