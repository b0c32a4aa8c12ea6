// The agents API:
//   GET    /api/tenants/{tenant}/agents                 agents with their live ACD state (supervisors, admins)
//   POST   /api/tenants/{tenant}/agents                 create; returns the phone's SIP password once (admins)
//   DELETE /api/tenants/{tenant}/agents/{id}            delete; the phone is removed from Asterisk (admins)
//   POST   /api/tenants/{tenant}/agents/{id}/state      log in, log out, pause with a reason, available
//                                                       (an agent for themselves, supervisors, admins);
//                                                       the reason must be one of the tenant's pauseReasons (422)
// An agent's token names its agent: it changes that agent's state only (403 auth.other_agent
// for another one). The list is for supervisors and admins: an agent's token gets 403 there.
import type { ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { access, tenantOf } from '../auth/access.js';
import type { Role } from '../auth/roles.js';
import { UnprocessableError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { AgentDirectory, AgentRecord } from './directory.js';

const VIEWERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor'];
const ADMINS: readonly Role[] = ['operator_admin', 'tenant_admin'];
const ACTORS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'];

const name = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -');
const CreateRequest = z.strictObject({
  login: z.string().regex(/^[0-9]{2,8}$/, '2 to 8 digits'),
  name: z.string().trim().min(1).max(120),
  skills: z.array(z.strictObject({ name, value: z.string().min(1).max(64), level: z.number().int().min(1).max(10) })).max(50).default([]),
});
const StateRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('login') }),
  z.strictObject({ action: z.literal('logout') }),
  z.strictObject({ action: z.literal('unpause') }),
  z.strictObject({ action: z.literal('pause'), reason: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'a reason code such as break, lunch, training') }),
]);
const Id = z.object({ tenant: z.string(), id: z.string() });

export interface AgentRoutesDeps {
  directory: AgentDirectory;
  acd: Pick<AcdShell, 'agent' | 'agentView' | 'command'>;
  /** Pushes the agents to Asterisk and the ACD after a change. */
  reload: () => Promise<void>;
  removePhone: (sipUsername: string) => Promise<void>;
  /** The tenants' configuration: the pause reasons an agent may give. */
  tenants: readonly Pick<Tenant, 'slug' | 'pauseReasons'>[];
}

/** Throws 422 unless `reason` is one of the tenant's configured pause reasons. */
function assertPauseReason(tenants: AgentRoutesDeps['tenants'], tenant: string, reason: string): void {
  const allowed = tenants.find((t) => t.slug === tenant)?.pauseReasons.map((r) => r.code) ?? [];
  if (!allowed.includes(reason)) {
    throw new UnprocessableError('agent.unknown_pause_reason', `"${reason}" is not one of this tenant's pause reasons`, { reason, allowed });
  }
}

export function agentRoutes(deps: AgentRoutesDeps): ServerRoute[] {
  const present = (a: AgentRecord) => {
    const live = deps.acd.agentView(a.id);
    return {
      id: a.id, login: a.login, name: a.name, sipUsername: a.sipUsername, skills: a.skills,
      state: live?.state ?? a.presence, reason: live?.reason ?? a.pauseReason, registered: live?.registered ?? false, call: live?.call ?? null,
    };
  };
  return [
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/agents',
      options: access({ roles: VIEWERS }),
      handler: async (request) => {
        const tenant = tenantOf(request);
        return (await deps.directory.all()).filter((a) => a.tenant === tenant.slug).map(present);
      },
    },
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/agents',
      options: access({ roles: ADMINS }),
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const input = parseRequest(CreateRequest, request.payload);
        const { agent, sipPassword } = await deps.directory.create(tenant, input);
        await deps.reload();
        return h.response({ ...present(agent), sipPassword }).code(201);
      },
    },
    {
      method: 'DELETE',
      path: '/api/tenants/{tenant}/agents/{id}',
      options: access({ roles: ADMINS, owns: { agent: 'id' } }),
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const agent = await deps.directory.remove(tenant, parseRequest(Id, request.params).id);
        await deps.removePhone(agent.sipUsername);
        await deps.reload();
        return h.response().code(204);
      },
    },
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/agents/{id}/state',
      options: access({ roles: ACTORS, owns: { agent: 'id' } }),
      handler: async (request) => {
        const tenant = tenantOf(request);
        const row = await deps.directory.find(tenant, parseRequest(Id, request.params).id);
        const body = parseRequest(StateRequest, request.payload);
        if (body.action === 'pause') assertPauseReason(deps.tenants, tenant.slug, body.reason);
        deps.acd.command(row.id, body.action === 'pause' ? { type: 'pause', reason: body.reason } : { type: body.action });
        const agent = deps.acd.agent(row.id);
        return agent ? present(agent) : { id: row.id, state: 'unknown' };
      },
    },
  ];
}
