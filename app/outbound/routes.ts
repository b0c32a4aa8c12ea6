// The click-to-call API:
//   POST /api/tenants/{tenant}/agents/{id}/calls  { number, line? } -> 201 { callId }
//        the agent's phone rings first (showing the number), then the number is dialled through
//        the trunk showing the line's DID (operator and tenant admins, supervisors, an agent for
//        themselves). Unknown agent 404, another agent's token 403, a bad number or unknown line
//        400, an agent not logged in, on a call, ringing or already placing a call 409 agent.busy.
import type { ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AgentDirectory } from '../agents/directory.js';
import { assertActsForAgent } from '../auth/agent-access.js';
import { identityOf } from '../auth/credentials.js';
import type { Role } from '../auth/roles.js';
import { authoriseTenant, type TenantLookup } from '../auth/tenant-access.js';
import { NotFoundError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import { callerLine, PlaceCallBody } from './request.js';
import type { OutboundService } from './service.js';

const CALLERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];
const Params = z.object({ tenant: z.string(), id: z.string() });

export interface OutboundRoutesDeps {
  service: Pick<OutboundService, 'place'>;
  directory: Pick<AgentDirectory, 'find'>;
  lookup: TenantLookup;
  tenants: readonly Tenant[];
}

export function outboundRoutes(deps: OutboundRoutesDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/agents/{id}/calls',
      handler: async (request, h) => {
        const params = parseRequest(Params, request.params);
        const identity = identityOf(request);
        const tenant = await authoriseTenant(identity, params.tenant, deps.lookup, CALLERS, 'place calls');
        const agent = await deps.directory.find(tenant, params.id);
        assertActsForAgent(identity, agent.id);
        const body = parseRequest(PlaceCallBody, request.payload);
        const config = deps.tenants.find((t) => t.slug === tenant.slug);
        if (!config) throw new NotFoundError('tenant.not_found', `tenant "${tenant.slug}" is not configured on this site`, { tenant: tenant.slug });
        const callId = deps.service.place({ tenant: config, agent: { id: agent.id, sipUsername: agent.sipUsername }, number: body.number, caller: callerLine(config, body.line) });
        return h.response({ callId }).code(201);
      },
    },
  ];
}
