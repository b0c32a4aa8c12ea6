// The rules a user must keep, whoever makes or changes them (the API or the CLI), as pure
// functions: which roles may lack a tenant, that an agent user names one agent and no other role
// does, what a login looks like, and which roles an administrator may give.
//   operator_admin            the outsourcer's: never a tenant
//   supervisor, quality       the outsourcer's (no tenant) or one tenant's
//   tenant_admin, agent,
//   client_viewer             always one tenant's
import type { Role } from '../auth/roles.js';

/** 2 to 64 ASCII characters (the column is ASCII): letters, digits and . _ @ - after a letter or digit. */
export const LOGIN_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
export const NAME_MAX = 120;

/** A stable error id and a message for a broken rule. */
export interface RuleProblem {
  id: string;
  message: string;
}

const TENANT_LESS: readonly Role[] = ['operator_admin', 'supervisor', 'quality'];
const TENANT_BOUND: readonly Role[] = ['tenant_admin', 'agent', 'client_viewer'];

/** Why a user of `role` cannot be (or not be) in a tenant, or undefined when it can. */
export function tenantRule(role: Role, hasTenant: boolean): RuleProblem | undefined {
  if (role === 'operator_admin' && hasTenant) {
    return { id: 'user.tenant_not_allowed', message: 'an operator_admin works across tenants: they belong to none' };
  }
  if (TENANT_BOUND.includes(role) && !hasTenant) {
    return { id: 'user.tenant_required', message: `a ${role} belongs to one tenant (only ${TENANT_LESS.join(', ')} may have none)` };
  }
  return undefined;
}

/** Why a user of `role` cannot name (or omit) an agent, or undefined when it can. */
export function agentRule(role: Role, hasAgent: boolean): RuleProblem | undefined {
  if (role === 'agent' && !hasAgent) return { id: 'user.agent_required', message: 'an agent user is linked to one agent of its tenant: give its login' };
  if (role !== 'agent' && hasAgent) return { id: 'user.agent_not_allowed', message: `a ${role} is linked to no agent` };
  return undefined;
}

/** The roles an administrator of `actorRole` may give: a tenant's administrator never operator_admin. */
export function mayGrant(actorRole: Role, role: Role): boolean {
  if (actorRole === 'operator_admin') return true;
  return actorRole === 'tenant_admin' && role !== 'operator_admin';
}

/** Only the outsourcer's administrators move a user from one tenant (or none) to another. */
export const mayMoveTenant = (actorRole: Role): boolean => actorRole === 'operator_admin';

/**
 * Whether a change would leave no active operator_admin: `target` is one now and would not be
 * after (demoted or disabled), and `othersActive` is how many other enabled ones there are.
 */
export function losesLastOperatorAdmin(target: { activeOperatorAdminBefore: boolean; activeOperatorAdminAfter: boolean }, othersActive: number): boolean {
  return target.activeOperatorAdminBefore && !target.activeOperatorAdminAfter && othersActive === 0;
}
