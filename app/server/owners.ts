// Who owns the objects that URLs name, for the authorisation point (app/auth/access.ts): an
// agent is its own; a live call belongs to the agent talking on it. A call no agent talks on now
// (over, or in wrap-up) belongs to the agents wrapping it up and to those who handled it, as
// MariaDB has it (app/panel/store.ts), so an agent can wrap up its own finished call and no other.
import type { OwnershipResolvers } from '../auth/access.js';
import type { TenantRef } from '../auth/tenant-access.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { AgentDirectory } from '../agents/directory.js';
import { NotFoundError } from '../errors/domain.js';

export interface OwnerDeps {
  directory: Pick<AgentDirectory, 'find'>;
  acd: Pick<AcdShell, 'calls' | 'agentOnCall' | 'agentList' | 'agentView'>;
  /** The agents who handled a call of the tenant; undefined when the tenant has no such call. */
  handledBy?: (tenant: TenantRef, callId: string) => Promise<readonly string[] | undefined>;
}

export function ownershipResolvers(deps: OwnerDeps): OwnershipResolvers {
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
    async call(tenant, id) {
      const live = deps.acd.calls.get(id);
      if (live && live.tenant.slug !== tenant.slug) return undefined;
      const leg = live ? deps.acd.agentOnCall(id) : undefined;
      if (leg?.agentId) return { agents: [leg.agentId] };
      const wrapping = [...deps.acd.agentList()]
        .filter((a) => a.tenant === tenant.slug && deps.acd.agentView(a.id)?.state === 'wrap_up' && deps.acd.agentView(a.id)?.call === id)
        .map((a) => a.id);
      const handled = deps.handledBy ? await deps.handledBy(tenant, id) : undefined;
      if (!live && !handled && wrapping.length === 0) return undefined;
      return { agents: [...new Set([...wrapping, ...(handled ?? [])])] };
    },
  };
}
