// The KPI report API:
//   GET /api/tenants/{tenant}/reports/kpi?from=&to=&interval=day|hour|half-hour&queue=&serviceLevel=&source=
// Who may read it: operator_admin, tenant_admin, supervisor and client_viewer (the client's staff
// read their own tenant's figures: the tenders' reports are theirs). Not agents: a report holds
// every colleague's figures.
// - from, to: ISO 8601 instants with an offset; the period [from, to) is cut into buckets on the
//   tenant's wall clock. At most 400 days per day, 62 per hour, 31 per half-hour.
// - serviceLevel: the "answered within" threshold in seconds, 20 by default (QS1 stays 40 s).
// - queue: only this queue in `queues` (lines, tenant-wide and agents are unchanged).
// - source: `summaries` (default: the stored per-call summaries, fast; calls count once they
//   are summarised, i.e. once they end) or `events` (every event streamed and classified: the
//   reference, calls in progress included; at most 31 days).
import type { Request, ServerRoute } from '@hapi/hapi';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Models } from '../../db/models/index.js';
import { access, tenantOf } from '../auth/access.js';
import type { Role } from '../auth/roles.js';
import { NotFoundError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import { DEFAULT_SERVICE_LEVEL_SECONDS } from './compute.js';
import { reportFromFacts } from './facts-report.js';
import { presentReport } from './presenter.js';
import { reportFromEvents } from './report-builder.js';
import { isSlotThreshold, SLOT_THRESHOLDS } from './slots.js';

export const REPORT_READERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'client_viewer'];

const DAY_MS = 86_400_000;
/** The longest period per interval, in days (about 1,500 buckets at most), and for source=events. */
export const MAX_DAYS = { day: 400, hour: 62, 'half-hour': 31, events: 31 } as const;

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-10-01T00:00:00+02:00' })
  .transform((s) => new Date(s));

export const ReportQuery = z.strictObject({
  from: instant,
  to: instant,
  interval: z.enum(['day', 'hour', 'half-hour']).default('day'),
  queue: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a queue id (lower-case letters, digits, dashes)').optional(),
  serviceLevel: z.string().regex(/^\d{1,3}$/, 'must be a whole number of seconds').transform(Number)
    .refine(isSlotThreshold, `must be one of ${SLOT_THRESHOLDS.join(', ')} seconds`).optional(),
  source: z.enum(['summaries', 'events']).default('summaries'),
}).superRefine((q, ctx) => {
  // zod runs this even when a field above failed: judge the period only when both ends parsed.
  if (!(q.from instanceof Date) || !(q.to instanceof Date)) return;
  const days = (q.to.getTime() - q.from.getTime()) / DAY_MS;
  if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (days > MAX_DAYS[q.interval]) ctx.addIssue({ code: 'custom', path: ['to'], message: `a ${q.interval} report covers at most ${MAX_DAYS[q.interval]} days` });
  else if (q.source === 'events' && days > MAX_DAYS.events) ctx.addIssue({ code: 'custom', path: ['source'], message: `source=events covers at most ${MAX_DAYS.events} days` });
});

const ReportRequest = z.object({ params: z.object({ tenant: z.string() }), query: ReportQuery });

export function kpiRoutes(deps: { sequelize: Sequelize; models: Pick<Models, 'Tenant'> }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/reports/kpi',
      options: access({ roles: REPORT_READERS }),
      handler: async (request: Request) => {
        const tenant = tenantOf(request);
        const { query: q } = parseRequest(ReportRequest, { params: request.params, query: request.query });
        const row = await deps.models.Tenant.findByPk(tenant.id, { attributes: ['timezone'] });
        if (!row) throw new NotFoundError('tenant.not_found', `no tenant "${tenant.slug}"`, { tenant: tenant.slug });
        const serviceLevelSeconds = q.serviceLevel ?? DEFAULT_SERVICE_LEVEL_SECONDS;
        const options = { from: q.from, to: q.to, bucket: q.interval, timezone: row.timezone, serviceLevelSeconds };
        const report = q.source === 'events'
          ? await reportFromEvents(deps.sequelize, tenant.slug, options)
          : await reportFromFacts(deps.sequelize, tenant.id, options);
        return presentReport(report, { ...q, tenant: tenant.slug, timezone: row.timezone, serviceLevelSeconds });
      },
    },
  ];
}
