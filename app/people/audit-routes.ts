// The audit log API, read-only:
//   GET /api/staff/audit              every row (operator_admin of the staff)
//   GET /api/tenants/{tenant}/audit   the tenant's rows only (tenant_admin of the tenant, operator_admin)
// Query: from, to (ISO 8601 with offset; from inclusive, to exclusive), type (a prefix), userId,
// limit (1 to 500, 100 by default), before (an id: the previous page's `next`). Newest first:
// 200 { events, next }.
import type { ServerRoute } from '@hapi/hapi';
import { access, tenantOf } from '../auth/access.js';
import type { Role } from '../auth/roles.js';
import { parseRequest } from '../errors/validation.js';
import type { AuditQuery } from './audit-query.js';
import { AuditQueryParams } from './schemas.js';

const ADMINS: readonly Role[] = ['operator_admin', 'tenant_admin'];

export function auditRoutes(query: AuditQuery): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/staff/audit',
      options: access({ roles: ['operator_admin'], staffOnly: true }),
      handler: (request) => query.page('all', parseRequest(AuditQueryParams, request.query)),
    },
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/audit',
      options: access({ roles: ADMINS }),
      handler: (request) => query.page(tenantOf(request), parseRequest(AuditQueryParams, request.query)),
    },
  ];
}
