// The ACD's call API, for a call an agent is talking on (an agent's token: only its own calls):
//   POST /api/tenants/{tenant}/calls/{callId}/transfer            blind transfer to a number (through
//        the trunk) or to another agent of the tenant (their login)
//   POST /api/tenants/{tenant}/calls/{callId}/consult             attended transfer, first step: the
//        agent talks with the target while the caller waits with music
//   POST /api/tenants/{tenant}/calls/{callId}/consult/complete    the target takes the caller
//   POST /api/tenants/{tenant}/calls/{callId}/consult/cancel      the agent takes the caller back
import type { Request, ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import { assertActsForAgent } from '../../auth/agent-access.js';
import { identityOf } from '../../auth/credentials.js';
import type { Role } from '../../auth/roles.js';
import { authoriseTenant, type TenantLookup, type TenantRef } from '../../auth/tenant-access.js';
import { ConflictError, NotFoundError } from '../../errors/domain.js';
import { parseRequest } from '../../errors/validation.js';
import type { ConsultOutcome, TransferTarget } from './consult.js';
import type { AcdShell, QueuedCall } from './shell.js';

const ACTORS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];

const CallParams = z.object({ tenant: z.string(), callId: z.uuid() });
const TargetRequest = z.object({
  params: CallParams,
  payload: z.union([
    z.strictObject({ number: z.string().regex(/^\+?[0-9]{3,15}$/, 'digits, with an optional leading +') }),
    z.strictObject({ agentLogin: z.string().regex(/^[0-9]{2,8}$/) }),
  ]),
});

const notFound = (callId: string) => new NotFoundError('call.not_found', `no live call ${callId} in this tenant`, { callId });

export function acdRoutes(deps: { acd: AcdShell; lookup: TenantLookup }): ServerRoute[] {
  const { acd } = deps;

  /** The tenant's live call named in the URL, once the token may act on it. */
  const liveCall = async (request: Request, action: string): Promise<{ tenant: TenantRef; call: QueuedCall }> => {
    const credentials = identityOf(request);
    const tenant = await authoriseTenant(credentials, parseRequest(z.object({ tenant: z.string() }), request.params).tenant, deps.lookup, ACTORS, action);
    const { callId } = parseRequest(CallParams, request.params);
    const call = acd.calls.get(callId);
    if (!call || call.tenant.slug !== tenant.slug) throw notFound(callId);
    const agentLeg = acd.agentOnCall(callId);
    // An agent's token acts on the call it is talking on only.
    if (credentials.role === 'agent') assertActsForAgent(credentials, agentLeg?.agentId ?? '');
    return { tenant, call };
  };

  const target = (tenant: TenantRef, payload: z.infer<typeof TargetRequest>['payload']): TransferTarget => {
    if ('number' in payload) return { kind: 'number', number: payload.number };
    const agent = acd.agentByLogin(tenant.slug, payload.agentLogin);
    if (!agent) throw new NotFoundError('agent.not_found', `no agent with login ${payload.agentLogin} in this tenant`, { login: payload.agentLogin });
    return { kind: 'agent', agentId: agent.id };
  };

  const outcome = (callId: string, result: ConsultOutcome, what: string): void => {
    if (result === 'unknown call') throw notFound(callId);
    if (result !== 'ok') throw new ConflictError('call.not_transferable', `the call cannot be ${what}: ${result}`, { callId, reason: result });
  };

  return [
    ...(['transfer', 'consult'] as const).map((how): ServerRoute => ({
      method: 'POST',
      path: `/api/tenants/{tenant}/calls/{callId}/${how}`,
      handler: async (request) => {
        const { tenant, call } = await liveCall(request, 'transfer calls');
        const { payload } = parseRequest(TargetRequest, { params: request.params, payload: request.payload });
        const to = target(tenant, payload);
        const { callId } = call.session;
        if (how === 'transfer') outcome(callId, acd.transfer(callId, to), 'transferred');
        else outcome(callId, acd.consult(callId, to), 'consulted on');
        return how === 'transfer' ? { callId, transferred: to } : { callId, consulting: to };
      },
    })),
    ...(['complete', 'cancel'] as const).map((how): ServerRoute => ({
      method: 'POST',
      path: `/api/tenants/{tenant}/calls/{callId}/consult/${how}`,
      handler: async (request) => {
        const { call } = await liveCall(request, 'transfer calls');
        outcome(call.session.callId, acd.endConsult(call.session.callId, how), how === 'complete' ? 'handed over' : 'taken back');
        return { callId: call.session.callId, consultation: how === 'complete' ? 'completed' : 'cancelled' };
      },
    })),
  ];
}
