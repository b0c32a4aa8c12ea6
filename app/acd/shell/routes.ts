// The ACD's call API:
//   POST /api/tenants/{tenant}/calls/{callId}/transfer   blind transfer of a call an agent is on,
//        to a number (through the trunk) or to another agent of the tenant (their login)
//        (agents, supervisors, admins)
import type { Request, ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import { identityOf } from '../../auth/credentials.js';
import type { Role } from '../../auth/roles.js';
import { authoriseTenant, type TenantLookup, type TenantRef } from '../../auth/tenant-access.js';
import { ConflictError, NotFoundError } from '../../errors/domain.js';
import { parseRequest } from '../../errors/validation.js';
import type { AcdShell } from './shell.js';

const ACTORS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];

const TransferRequest = z.object({
  params: z.object({ tenant: z.string(), callId: z.uuid() }),
  payload: z.union([
    z.strictObject({ number: z.string().regex(/^\+?[0-9]{3,15}$/, 'digits, with an optional leading +') }),
    z.strictObject({ agentLogin: z.string().regex(/^[0-9]{2,8}$/) }),
  ]),
});

export function acdRoutes(deps: { acd: AcdShell; lookup: TenantLookup }): ServerRoute[] {
  const authorise = (request: Request, roles: readonly Role[], action: string): Promise<TenantRef> =>
    authoriseTenant(identityOf(request), parseRequest(z.object({ tenant: z.string() }), request.params).tenant, deps.lookup, roles, action);
  return [
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/calls/{callId}/transfer',
      handler: async (request) => {
        const tenant = await authorise(request, ACTORS, 'transfer calls');
        const { params, payload } = parseRequest(TransferRequest, { params: request.params, payload: request.payload });
        const call = deps.acd.calls.get(params.callId);
        if (!call || call.tenant.slug !== tenant.slug) throw new NotFoundError('call.not_found', `no live call ${params.callId} in this tenant`, { callId: params.callId });
        let to: Parameters<AcdShell['transfer']>[1];
        if ('number' in payload) to = { kind: 'number', number: payload.number };
        else {
          const agent = deps.acd.agentByLogin(tenant.slug, payload.agentLogin);
          if (!agent) throw new NotFoundError('agent.not_found', `no agent with login ${payload.agentLogin} in this tenant`, { login: payload.agentLogin });
          to = { kind: 'agent', agentId: agent.id };
        }
        const outcome = deps.acd.transfer(params.callId, to);
        if (outcome === 'unknown call') throw new NotFoundError('call.not_found', `no live call ${params.callId} in this tenant`, { callId: params.callId });
        if (outcome !== 'ok') throw new ConflictError('call.not_transferable', `the call cannot be transferred: ${outcome}`, { callId: params.callId });
        return { callId: params.callId, transferred: to };
      },
    },
  ];
}
