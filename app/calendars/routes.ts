// The calendars API: what each calendar of a tenant says now, and overrides that force a line
// open or closed for a while (an unplanned closure, an exceptional opening).
//   GET    /api/tenants/{tenant}/calendars                                 (viewers)
//   POST   /api/tenants/{tenant}/calendars/{calendar}/overrides            (supervisors and admins)
//   DELETE /api/tenants/{tenant}/calendars/{calendar}/overrides/{id}       (supervisors and admins)
import type { ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import { access, tenantOf } from '../auth/access.js';
import { authorOf, identityOf } from '../auth/credentials.js';
import type { Role } from '../auth/roles.js';
import { parseRequest } from '../errors/validation.js';
import type { CalendarDecisions, Override } from './decisions.js';
import type { CalendarService } from './service.js';

const VIEWERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'client_viewer'];
const EDITORS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor'];

const calendar = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
const OverrideRequest = z.object({
  params: z.object({ tenant: z.string(), calendar }),
  payload: z.strictObject({
    mode: z.enum(['open', 'closed']),
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    reason: z.string().trim().min(3).max(200),
  }),
});
const CancelRequest = z.object({ params: z.object({ tenant: z.string(), calendar, id: z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number) }) });

const present = (o: Override) => ({ id: o.id, calendar: o.calendar, mode: o.mode, from: o.startsAt.toISOString(), until: o.endsAt.toISOString(), reason: o.reason });

export function calendarRoutes(deps: { service: CalendarService; decisions: CalendarDecisions }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/calendars',
      options: access({ roles: VIEWERS }),
      handler: (request) => {
        const tenant = tenantOf(request);
        const now = new Date();
        return deps.service.calendarIds(tenant.slug).map((id) => {
          const d = deps.decisions.decide(tenant.slug, id, now);
          const o = deps.decisions.active(tenant.slug, id, now);
          return { id, open: d.open, reason: d.reason, detail: d.detail ?? null, localTime: d.localTime, nextChange: d.nextChange?.toISOString() ?? null, override: o ? present(o) : null };
        });
      },
    },
    {
      method: 'POST',
      path: '/api/tenants/{tenant}/calendars/{calendar}/overrides',
      options: access({ roles: EDITORS }),
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const { params, payload } = parseRequest(OverrideRequest, { params: request.params, payload: request.payload });
        const o = await deps.service.create({ tenant, calendar: params.calendar, ...payload, author: authorOf(identityOf(request)) });
        return h.response(present(o)).code(201);
      },
    },
    {
      method: 'DELETE',
      path: '/api/tenants/{tenant}/calendars/{calendar}/overrides/{id}',
      options: access({ roles: EDITORS }),
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const { params } = parseRequest(CancelRequest, { params: request.params });
        await deps.service.cancel(tenant, params.calendar, params.id);
        return h.response().code(204);
      },
    },
  ];
}
