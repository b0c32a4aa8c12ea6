// Who owns the objects that URLs name, for the authorisation point (app/auth/access.ts): an
// agent is its own; a live call belongs to the agent talking on it (and its consulted colleague).
import type { OwnershipResolvers } from '../auth/access.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { AgentDirectory } from '../agents/directory.js';
import { NotFoundError } from '../errors/domain.js';

export function ownershipResolvers(deps: { directory: Pick<AgentDirectory, 'find'>; acd: Pick<AcdShell, 'calls' | 'agentOnCall'> }): OwnershipResolvers {
  return {
    async agent(tenant, id) {
      try {
        const row = await deps.directory.find(tenant, id);
        return { agents: [row.id] };
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
    },
    call(tenant, id) {
      const call = deps.acd.calls.get(id);
      if (!call || call.tenant.slug !== tenant.slug) return Promise.resolve(undefined);
      const leg = deps.acd.agentOnCall(id);
      return Promise.resolve({ agents: leg?.agentId ? [leg.agentId] : [] });
    },
  };
}
