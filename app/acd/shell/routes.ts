// The ACD's call API, for a call an agent is talking on (an agent's token: only its own calls):
//   POST /api/tenants/{tenant}/calls/{callId}/transfer            blind transfer to a number (through
//        the trunk) or to another agent of the tenant (their login)
//   POST /api/tenants/{tenant}/calls/{callId}/consult             attended transfer, first step: the
//        agent talks with the target while the caller waits with music
//   POST /api/tenants/{tenant}/calls/{callId}/consult/complete    the target takes the caller
//   POST /api/tenants/{tenant}/calls/{callId}/consult/cancel      the agent takes the caller back
// A number the tenant's dialling policy refuses answers 422 `dialling.refused` (429 when too many
// calls are out at once), with the rule in the details; the call goes on with the agent.
import type { Request, ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import { access, tenantOf } from '../../auth/access.js';
import { identityOf } from '../../auth/credentials.js';
import type { Role } from '../../auth/roles.js';
import type { TenantRef } from '../../auth/tenant-access.js';
import { DiallingRefusedError } from '../../dialling/errors.js';
import { requesterOf } from '../../dialling/requester.js';
import { DialledNumberSchema } from '../../dialling/schema.js';
import { ConflictError, NotFoundError } from '../../errors/domain.js';
import { parseRequest } from '../../errors/validation.js';
import type { TransferTarget } from './consult.js';
import type { AcdShell } from './shell.js';
import type { QueuedCall } from './shell-types.js';
import type { TransferOutcome } from './transfers.js';

const ACTORS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];

const CallParams = z.object({ tenant: z.string(), callId: z.uuid() });
const TargetRequest = z.object({
  params: CallParams,
  payload: z.union([
    z.strictObject({ number: DialledNumberSchema }),
    z.strictObject({ agentLogin: z.string().regex(/^[0-9]{2,8}$/) }),
  ]),
});

const notFound = (callId: string) => new NotFoundError('call.not_found', `no live call ${callId} in this tenant`, { callId });

const ON_CALL = access({ roles: ACTORS, owns: { call: 'callId' } });

export function acdRoutes(deps: { acd: AcdShell }): ServerRoute[] {
  const { acd } = deps;

  /** The tenant's live call named in the URL (access.ts checked that it is the agent's own). */
  const liveCall = (request: Request): { tenant: TenantRef; call: QueuedCall } => {
    const tenant = tenantOf(request);
    const { callId } = parseRequest(CallParams, request.params);
    const call = acd.calls.get(callId);
    if (!call || call.tenant.slug !== tenant.slug) throw notFound(callId);
    return { tenant, call };
  };

  const target = (tenant: TenantRef, payload: z.infer<typeof TargetRequest>['payload']): TransferTarget => {
    if ('number' in payload) return { kind: 'number', number: payload.number };
    const agent = acd.agentByLogin(tenant.slug, payload.agentLogin);
    if (!agent) throw new NotFoundError('agent.not_found', `no agent with login ${payload.agentLogin} in this tenant`, { login: payload.agentLogin });
    return { kind: 'agent', agentId: agent.id };
  };

  const outcome = (callId: string, result: Exclude<TransferOutcome, object>, what: string): void => {
    if (result === 'unknown call') throw notFound(callId);
    if (result !== 'ok') throw new ConflictError('call.not_transferable', `the call cannot be ${what}: ${result}`, { callId, reason: result });
  };

  return [
    ...(['transfer', 'consult'] as const).map((how): ServerRoute => ({
      method: 'POST',
      path: `/api/tenants/{tenant}/calls/{callId}/${how}`,
      options: ON_CALL,
      handler: (request) => {
        const { tenant, call } = liveCall(request);
        const { payload } = parseRequest(TargetRequest, { params: request.params, payload: request.payload });
        const to = target(tenant, payload);
        const { callId } = call.session;
        const requestedBy = requesterOf(identityOf(request));
        const result = how === 'transfer' ? acd.transfer(callId, to, requestedBy) : acd.consult(callId, to, requestedBy);
        // The guard has logged the refusal (with who asked) and written it on the call.
        if (typeof result === 'object') throw new DiallingRefusedError(result.refused, 'number' in payload ? payload.number : '', how);
        outcome(callId, result, how === 'transfer' ? 'transferred' : 'consulted on');
        return how === 'transfer' ? { callId, transferred: to } : { callId, consulting: to };
      },
    })),
    ...(['complete', 'cancel'] as const).map((how): ServerRoute => ({
      method: 'POST',
      path: `/api/tenants/{tenant}/calls/{callId}/consult/${how}`,
      options: ON_CALL,
      handler: (request) => {
        const { call } = liveCall(request);
        outcome(call.session.callId, acd.endConsult(call.session.callId, how), how === 'complete' ? 'handed over' : 'taken back');
        return { callId: call.session.callId, consultation: how === 'complete' ? 'completed' : 'cancelled' };
      },
    })),
  ];
}
