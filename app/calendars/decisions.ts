// Is a tenant's line open now? The calendar's own answer, unless a supervisor has forced it open
// or closed for the moment. Active overrides are kept in memory (loaded at start, changed by
// the API in this process), so a call never waits on the database for this.
import { evaluateCalendar, type CalendarDecision } from '../../ivr/calendar/evaluate.js';
import { formatLocal, localParts } from '../../ivr/calendar/zoned.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';

export interface Override {
  id: number;
  tenant: string;
  calendar: string;
  mode: 'open' | 'closed';
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** A decision that may come from an override: its reason is then 'override'. */
export type LineDecision = Omit<CalendarDecision, 'reason'> & { reason: CalendarDecision['reason'] | 'override'; overrideId?: number };

export class CalendarDecisions {
  private overrides: Override[] = [];
  #revision = 0;

  constructor(private readonly tenants: readonly Tenant[]) {}

  /** Counts changes, so a load that raced with one is done again (see MirrorLoader). */
  get revision(): number {
    return this.#revision;
  }

  replaceAll(overrides: Override[]): void {
    this.overrides = [...overrides];
    this.#revision++;
  }

  add(o: Override): void {
    this.overrides.push(o);
    this.#revision++;
  }

  cancel(id: number): void {
    this.overrides = this.overrides.filter((o) => o.id !== id);
    this.#revision++;
  }

  active(tenant: string, calendar: string, at: Date): Override | undefined {
    // The latest override wins when several cover the same instant.
    return this.overrides.filter((o) => o.tenant === tenant && o.calendar === calendar && o.startsAt <= at && at < o.endsAt).sort((a, b) => b.id - a.id)[0];
  }

  decide(tenant: string, calendarId: string, at: Date): LineDecision {
    const calendar = this.tenants.find((t) => t.slug === tenant)?.calendars[calendarId];
    if (!calendar) throw new Error(`tenant ${tenant} has no calendar ${calendarId}`);
    const o = this.active(tenant, calendarId, at);
    if (!o) return evaluateCalendar(calendar, at);
    return {
      open: o.mode === 'open',
      reason: 'override',
      detail: o.reason,
      overrideId: o.id,
      localTime: `${formatLocal(localParts(at, calendar.timezone))} ${calendar.timezone}`,
      nextChange: o.endsAt,
    };
  }
}
