// The click-to-call API:
//   POST /api/tenants/{tenant}/agents/{id}/calls  { number, line? } -> 201 { callId }
//        the agent's phone rings first (showing the number), then the number is dialled through
//        the trunk showing the line's DID (operator and tenant admins, supervisors, an agent for
//        themselves). Unknown agent 404, another agent's token 403, a malformed number or unknown
//        line 400, an agent not logged in, on a call, ringing or already placing a call 409
//        agent.busy, a number the tenant's dialling policy refuses 422 dialling.refused (429 past
//        the tenant's or the agent's cap on outbound calls at once), with the rule in the details.
import type { ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AgentDirectory } from '../agents/directory.js';
import { access, tenantOf } from '../auth/access.js';
import { identityOf } from '../auth/credentials.js';
import { requesterOf } from '../dialling/requester.js';
import type { Role } from '../auth/roles.js';
import { NotFoundError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import { callerLine, PlaceCallBody } from './request.js';
import type { OutboundService } from './service.js';

const CALLERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];
const Params = z.object({ tenant: z.string(), id: z.string() });

export interface OutboundRoutesDeps {
  service: Pick<OutboundService, 'place'>;
  directory: Pick<AgentDirectory, 'find'>;
  tenants: readonly Tenant[];
}

export function outboundRoutes(deps: OutboundRoutesDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/agents/{id}/calls',
      options: access({ roles: CALLERS, owns: { agent: 'id' } }),
      handler: async (request, h) => {
        const params = parseRequest(Params, request.params);
        const identity = identityOf(request);
        const tenant = tenantOf(request);
        const agent = await deps.directory.find(tenant, params.id);
        const body = parseRequest(PlaceCallBody, request.payload);
        const config = deps.tenants.find((t) => t.slug === tenant.slug);
        if (!config) throw new NotFoundError('tenant.not_found', `tenant "${tenant.slug}" is not configured on this site`, { tenant: tenant.slug });
        const callId = deps.service.place({
          tenant: config, agent: { id: agent.id, sipUsername: agent.sipUsername }, number: body.number, caller: callerLine(config, body.line), requestedBy: requesterOf(identity),
        });
        return h.response({ callId }).code(201);
      },
    },
  ];
}
