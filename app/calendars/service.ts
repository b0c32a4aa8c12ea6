// Calendar overrides: stored in MariaDB, mirrored in CalendarDecisions so calls read memory.
import { Op } from 'sequelize';
import type { Models } from '../../db/models/index.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { Author } from '../auth/credentials.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { NotFoundError, UnprocessableError } from '../errors/domain.js';
import type { CalendarDecisions, Override } from './decisions.js';

export interface NewOverride {
  tenant: TenantRef;
  calendar: string;
  mode: 'open' | 'closed';
  from?: Date;
  until: Date;
  reason: string;
  author: Author;
}

export class CalendarService {
  constructor(
    private readonly models: Pick<Models, 'CalendarOverride' | 'Tenant'>,
    private readonly decisions: CalendarDecisions,
    private readonly tenants: readonly Tenant[],
  ) {}

  /** Every override not cancelled and not over yet, for the in-memory mirror. */
  async loadActive(now = new Date()): Promise<Override[]> {
    const { CalendarOverride, Tenant } = this.models;
    const [rows, tenants] = await Promise.all([
      CalendarOverride.findAll({ where: { cancelledAt: null, endsAt: { [Op.gt]: now } } }),
      Tenant.findAll({ attributes: ['id', 'slug'] }),
    ]);
    const slug = new Map(tenants.map((t) => [t.id, t.slug]));
    return rows.flatMap((r) => {
      const tenant = slug.get(r.tenantId);
      return tenant ? [{ id: r.id, tenant, calendar: r.calendar, mode: r.mode, startsAt: r.startsAt, endsAt: r.endsAt, reason: r.reason }] : [];
    });
  }

  calendarIds(tenant: string): string[] {
    return Object.keys(this.tenants.find((t) => t.slug === tenant)?.calendars ?? {});
  }

  async create(o: NewOverride): Promise<Override> {
    if (!this.calendarIds(o.tenant.slug).includes(o.calendar)) {
      throw new NotFoundError('calendar.not_found', `tenant ${o.tenant.slug} has no calendar ${o.calendar}`, { calendar: o.calendar });
    }
    const from = o.from ?? new Date();
    if (o.until <= from) throw new UnprocessableError('calendar.override_empty', 'until must be after from', { from: from.toISOString(), until: o.until.toISOString() });
    const row = await this.models.CalendarOverride.create({ tenantId: o.tenant.id, calendar: o.calendar, mode: o.mode, startsAt: from, endsAt: o.until, reason: o.reason, createdByTokenId: o.author.tokenId, createdByUserId: o.author.userId });
    const override: Override = { id: row.id, tenant: o.tenant.slug, calendar: o.calendar, mode: o.mode, startsAt: from, endsAt: o.until, reason: o.reason };
    this.decisions.add(override);
    return override;
  }

  async cancel(tenant: TenantRef, calendar: string, id: number): Promise<void> {
    const [count] = await this.models.CalendarOverride.update({ cancelledAt: new Date() }, { where: { id, tenantId: tenant.id, calendar, cancelledAt: null } });
    if (count === 0) throw new NotFoundError('calendar.override_not_found', `no active override ${id} on ${calendar}`, { id });
    this.decisions.cancel(id);
  }
}
