// Reading the security audit log: every row (the outsourcer's administrators) or one tenant's,
// newest first, filtered by period (from inclusive, to exclusive), type prefix (`login.`,
// `user.`) and user, a page at a time: `next` is the id to pass as `before` for the next page
// (keyset pagination: pages stay right while new rows arrive), null on the last page.
import { Op, type WhereOptions } from 'sequelize';
import type { AuditEvent, Models } from '../../db/models/index.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { presentAuditEvent, type PresentedAuditEvent } from './present.js';

export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 100;

export interface AuditFilter {
  from?: Date;
  to?: Date;
  /** A prefix of the type: `user.` matches user.created, user.changed... */
  type?: string;
  userId?: number;
  limit: number;
  /** Only rows older than this id (the previous page's `next`). */
  before?: number;
}

export interface AuditPage {
  events: PresentedAuditEvent[];
  next: number | null;
}

/** A LIKE pattern matching values that start with `prefix` literally (_ and % are wildcards). */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditQuery {
  constructor(private readonly models: Pick<Models, 'AuditEvent' | 'Tenant'>) {}

  async page(scope: TenantRef | 'all', filter: AuditFilter): Promise<AuditPage> {
    const at = { ...(filter.from ? { [Op.gte]: filter.from } : {}), ...(filter.to ? { [Op.lt]: filter.to } : {}) };
    const where: WhereOptions<AuditEvent> = {
      ...(scope === 'all' ? {} : { tenantId: scope.id }),
      ...(filter.from || filter.to ? { at } : {}),
      ...(filter.type ? { type: { [Op.like]: likePrefix(filter.type) } } : {}),
      ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
      ...(filter.before !== undefined ? { id: { [Op.lt]: filter.before } } : {}),
    };
    const rows = await this.models.AuditEvent.findAll({ where, order: [['id', 'DESC']], limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const slugs = await this.slugs(scope, page);
    return {
      events: page.map((r) => presentAuditEvent(r, r.tenantId === null ? null : slugs.get(r.tenantId) ?? null)),
      next: rows.length > filter.limit ? page.at(-1)?.id ?? null : null,
    };
  }

  private async slugs(scope: TenantRef | 'all', rows: AuditEvent[]): Promise<Map<number, string>> {
    if (scope !== 'all') return new Map([[scope.id, scope.slug]]);
    const ids = [...new Set(rows.map((r) => r.tenantId).filter((t) => t !== null))];
    if (ids.length === 0) return new Map();
    return new Map((await this.models.Tenant.findAll({ where: { id: ids }, attributes: ['id', 'slug'] })).map((t) => [t.id, t.slug]));
  }
}
