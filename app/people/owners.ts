// Who owns the users and tokens that URLs name, for the authorisation point (app/auth/access.ts,
// `owns: { user: 'userId' }`): a user or token id of another tenant, or of the outsourcer's
// staff, is not found in this one (404). An agent user belongs to its agent, an agent token to
// the agent it acts for; every other one to no agent.
import type { Models } from '../../db/models/index.js';
import type { OwnerResolver } from '../auth/access.js';

const ID_RE = /^[1-9][0-9]{0,9}$/;

export function userOwner(models: Pick<Models, 'User'>): OwnerResolver {
  return async (tenant, id) => {
    const row = ID_RE.test(id) ? await models.User.findOne({ where: { id: Number(id), tenantId: tenant.id }, attributes: ['id', 'agentId'] }) : null;
    return row ? { agents: row.agentId === null ? [] : [row.agentId] } : undefined;
  };
}

export function tokenOwner(models: Pick<Models, 'ApiToken'>): OwnerResolver {
  return async (tenant, id) => {
    const row = ID_RE.test(id) ? await models.ApiToken.findOne({ where: { id: Number(id), tenantId: tenant.id }, attributes: ['id', 'agentId'] }) : null;
    return row ? { agents: row.agentId === null ? [] : [row.agentId] } : undefined;
  };
}

/** Both, to spread into the auth plugin's `owners`. */
export function peopleOwners(models: Pick<Models, 'User' | 'ApiToken'>): { user: OwnerResolver; token: OwnerResolver } {
  return { user: userOwner(models), token: tokenOwner(models) };
}
