// The agent panel's API (docs/web-api.md):
//   GET  /api/tenants/{tenant}/agents/{agentId}/panel  the Panel: an agent its own only
//   POST /api/tenants/{tenant}/calls/{callId}/hold     the caller hears music, the agent nothing
//   POST /api/tenants/{tenant}/calls/{callId}/resume   back to the conversation
//   POST /api/tenants/{tenant}/calls/{callId}/wrapup   { family, nature, note }: the call's reason
// Operator and tenant admins, supervisors, and agents (for their own agent, on their own calls:
// a call the agent talks on, or one it handled once it is over; app/server/owners.ts). Hold and
// resume answer 409 `call.not_holdable` (details.reason) when the call's state forbids them (a
// click-to-call has no hold yet: reason `click_to_call`); a wrap-up's reason not of the call's line
// is 422 `wrapup.unknown_reason`.
import type { Request, ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import type { AcdShell } from '../acd/shell/shell.js';
import { access, tenantOf } from '../auth/access.js';
import { identityOf } from '../auth/credentials.js';
import type { Role } from '../auth/roles.js';
import { ConflictError, NotFoundError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import type { PanelService } from './service.js';
import { WrapupBody, type WrapupService } from './wrapup.js';

export const PANEL_READERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];
/** The panel's rules, for the HTTP route and the live socket alike. */
export const PANEL_ACCESS = { roles: PANEL_READERS, owns: { agent: 'agentId' } } as const;
const ON_CALL = access({ roles: PANEL_READERS, owns: { call: 'callId' } });

const AgentParams = z.object({ tenant: z.string(), agentId: z.string() });
const CallParams = z.object({ tenant: z.string(), callId: z.uuid() });

export interface PanelRoutesDeps {
  panels: Pick<PanelService, 'build'>;
  wrapups: Pick<WrapupService, 'save'>;
  acd: Pick<AcdShell, 'hold' | 'calls'>;
  /** Whether the call is a click-to-call under way. */
  isOutbound: (callId: string) => boolean;
}

export function panelRoutes(deps: PanelRoutesDeps): ServerRoute[] {
  const callId = (request: Request): string => parseRequest(CallParams, request.params).callId;
  return [
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/agents/{agentId}/panel',
      options: access(PANEL_ACCESS),
      handler: (request) => deps.panels.build(tenantOf(request), parseRequest(AgentParams, request.params).agentId),
    },
    ...(['hold', 'resume'] as const).map((how): ServerRoute => ({
      method: 'POST',
      path: `/api/tenants/{tenant}/calls/{callId}/${how}`,
      options: ON_CALL,
      handler: (request) => {
        const id = callId(request);
        const live = deps.acd.calls.get(id);
        const outcome = live?.tenant.slug === tenantOf(request).slug ? deps.acd.hold(id, how === 'hold') : deps.isOutbound(id) ? 'click_to_call' : 'unknown call';
        if (outcome === 'unknown call') throw new NotFoundError('call.not_found', `no live call ${id} in this tenant`, { callId: id });
        if (outcome !== 'ok') throw new ConflictError('call.not_holdable', `the call cannot be ${how === 'hold' ? 'held' : 'resumed'}: ${outcome}`, { callId: id, reason: outcome });
        return { callId: id, held: how === 'hold' };
      },
    })),
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/calls/{callId}/wrapup',
      options: ON_CALL,
      handler: (request) => deps.wrapups.save(tenantOf(request), callId(request), parseRequest(WrapupBody, request.payload ?? {}), identityOf(request)),
    },
  ];
}
