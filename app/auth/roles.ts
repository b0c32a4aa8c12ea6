// The API's roles. A token has exactly one; hapi's `scope` holds it too.
//   operator_admin  the outsourcer's administrators: every tenant (their token has no tenant)
//   tenant_admin    a client's administrator: their own tenant's settings and prompts
//   supervisor      team leaders: live views, listening (the outsourcer's, across tenants, or a tenant's)
//   agent           agents (téléconseillers): their own work only (the token names its agent)
//   client_viewer   the client's staff: read-only extranet of their own tenant
//   quality         evaluators: listen to recordings and score them (the outsourcer's, or a tenant's)
import { API_ROLES, type ApiRole } from '../../db/models/index.js';
import { ForbiddenError } from '../errors/domain.js';

export type Role = ApiRole;
export const ROLES: readonly Role[] = API_ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** "a supervisor", "an agent". */
const aRole = (role: Role): string => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;

/** Why a token of this role cannot have (or lack) a tenant, or undefined when it can. */
export function tenantRuleProblem(role: Role, hasTenant: boolean): string | undefined {
  if (role === 'operator_admin' && hasTenant) return 'an operator_admin token works across tenants: give no tenant (-)';
  if ((role === 'tenant_admin' || role === 'client_viewer' || role === 'agent') && !hasTenant) return `${aRole(role)} token belongs to one tenant: give its slug`;
  return undefined;
}

/** Why a token of this role cannot name (or omit) an agent, or undefined when it can. */
export function agentRuleProblem(role: Role, hasAgent: boolean): string | undefined {
  if (role === 'agent' && !hasAgent) return 'an agent token acts for one agent of its tenant: give the agent\'s login (--agent)';
  if (role !== 'agent' && hasAgent) return `${aRole(role)} token acts for no single agent: give no agent`;
  return undefined;
}

/** Throws a 403 unless `role` is one of `allowed`. */
export function assertRole(role: Role, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(role)) {
    throw new ForbiddenError('auth.role_forbidden', `the ${role} role may not ${action}`, { role, allowed: [...allowed] });
  }
}
