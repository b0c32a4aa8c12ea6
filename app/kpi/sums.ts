// The sums the reports read, kept equal to what `call_facts` holds: `kpi_slots` (facts per
// tenant, 15-minute slot, kind and group) and `kpi_days` (slots per local day of the tenant's
// zone). Two ways to keep them: add or remove one call's facts (what a call that ends costs:
// a statement per tier, whatever the number of calls already in its slot), or recompute cells
// whole from the tier below (a rebuild, the first cut of a tenant's days, and a call whose
// facts changed so that a cell may lose its maximum or its last fact, which no subtraction can
// give back). Both read the call's facts from `call_facts` with the aggregates of slots.ts, so
// an increment is exactly what a recomputation would add. Callers hold the tenant's
// kpi_day_zones row locked (lockDayZone) and the call's facts rows: writers take turns.
import type { Transaction } from 'sequelize';
import { Bucketer } from './buckets.js';
import { SLOT_MS } from './facts.js';
import { cellAggregates, factAggregates, SLOT_COLUMNS } from './slots.js';
import { SqlRunner } from './sql-runner.js';

export const KINDS = "kind IN ('queue', 'line', 'agent')";
const CELL_COLUMNS = SLOT_COLUMNS.join(', ');
const MAXIMA = SLOT_COLUMNS.filter((c) => c.endsWith('_max'));
const ADDITIVE = SLOT_COLUMNS.filter((c) => !MAXIMA.includes(c));

export type Cell = [tenantId: number, slot: number, kind: string, grp: string];
export interface TenantRow { id: number; timezone: string }

/** Adds the values about to be inserted to the row's (counts and sums add up, maxima take the maximum). */
function addedTo(table: string): string {
  return [
    ...ADDITIVE.map((c) => `${c} = ${table}.${c} + VALUES(${c})`),
    ...MAXIMA.map((c) => `${c} = COALESCE(GREATEST(${table}.${c}, VALUES(${c})), ${table}.${c}, VALUES(${c}))`),
  ].join(', ');
}

/** Takes `o`'s counts and sums off `s`'s (never below 0: see removeCall). */
function takenOff(s: string, o: string): string {
  return ADDITIVE.map((c) => `${s}.${c} = GREATEST(CAST(${s}.${c} AS SIGNED) - ${o}.${c}, 0)`).join(', ');
}

/** ` AND (slot, kind, grp) NOT IN (...)`: the call's facts but those of cells recomputed whole. */
function excluding(cells: readonly Cell[]): [string, unknown[]] {
  if (cells.length === 0) return ['', []];
  return [` AND (slot, kind, grp) NOT IN (${cells.map(() => '(?, ?, ?)').join(', ')})`, cells.flatMap(([, slot, kind, grp]) => [slot, kind, grp])];
}

export class KpiSums extends SqlRunner {
  private readonly dayBucketers = new Map<string, Bucketer>();

  /** The local day holding a slot, as [slot of its midnight, slot of the next]. */
  dayOf(timezone: string, slot: number): [number, number] {
    let days = this.dayBucketers.get(timezone);
    if (!days) this.dayBucketers.set(timezone, (days = new Bucketer('day', timezone, new Date(0), new Date(8.64e15))));
    const start = days.startOf(slot * SLOT_MS), end = days.endOf(start);
    if (start % SLOT_MS !== 0 || end % SLOT_MS !== 0) throw new RangeError(`time zone ${timezone}: local midnight is not on a quarter hour near ${new Date(start).toISOString()}`);
    return [start / SLOT_MS, end / SLOT_MS];
  }

  /** The distinct local days holding these slots. */
  private daysOf(timezone: string, slots: readonly number[]): [number, number][] {
    const days = new Map<number, number>();
    for (const slot of slots) days.set(...this.dayOf(timezone, slot));
    return [...days];
  }

  /**
   * Adds the call's facts, as call_facts holds them now, to the slot cells and (when the tenant's
   * days are cut) day cells they fall in; `skip`: cells left to a recomputation. `slots`: those
   * of the facts added, for the days.
   */
  async addCall(callId: string, tenant: TenantRow, slots: readonly number[], skip: readonly Cell[], daysCut: boolean, transaction: Transaction): Promise<void> {
    if (slots.length === 0) return;
    const [not, cells] = excluding(skip);
    await this.run(`INSERT INTO kpi_slots (tenant_id, slot, kind, grp, ${CELL_COLUMNS})
      SELECT tenant_id, slot, kind, grp, ${factAggregates()} FROM call_facts WHERE call_id = ?${not} GROUP BY tenant_id, slot, kind, grp
      ON DUPLICATE KEY UPDATE ${addedTo('kpi_slots')}`, [callId, ...cells], transaction);
    if (!daysCut) return;
    for (const [day, end] of this.daysOf(tenant.timezone, slots)) {
      await this.run(`INSERT INTO kpi_days (tenant_id, kind, slot, grp, end_slot, ${CELL_COLUMNS})
        SELECT tenant_id, kind, ${day}, grp, ${end}, ${factAggregates()} FROM call_facts WHERE call_id = ? AND slot >= ? AND slot < ?${not} GROUP BY tenant_id, kind, grp
        ON DUPLICATE KEY UPDATE ${addedTo('kpi_days')}`, [callId, day, end, ...cells], transaction);
    }
  }

  /**
   * Takes the call's facts, as call_facts still holds them, off the counts and sums of their
   * cells (maxima are left: `skip` holds every cell whose maximum may go with them). Clamped at
   * 0: a `kpi rebuild` between replacing facts and recomputing their cells may leave sums that do
   * not hold these facts yet, and it recomputes those cells after.
   */
  async removeCall(callId: string, tenant: TenantRow, slots: readonly number[], skip: readonly Cell[], daysCut: boolean, transaction: Transaction): Promise<void> {
    if (slots.length === 0) return;
    const [not, cells] = excluding(skip);
    await this.run(`UPDATE kpi_slots s JOIN (SELECT tenant_id, slot, kind, grp, ${factAggregates(ADDITIVE)} FROM call_facts WHERE call_id = ?${not} GROUP BY tenant_id, slot, kind, grp) o
      ON s.tenant_id = o.tenant_id AND s.slot = o.slot AND s.kind = o.kind AND s.grp = o.grp SET ${takenOff('s', 'o')}`, [callId, ...cells], transaction);
    if (!daysCut) return;
    for (const [day, end] of this.daysOf(tenant.timezone, slots)) {
      await this.run(`UPDATE kpi_days d JOIN (SELECT tenant_id, kind, grp, ${factAggregates(ADDITIVE)} FROM call_facts WHERE call_id = ? AND slot >= ? AND slot < ?${not} GROUP BY tenant_id, kind, grp) o
        ON d.tenant_id = o.tenant_id AND d.kind = o.kind AND d.grp = o.grp AND d.slot = ? SET ${takenOff('d', 'o')}`, [callId, day, end, ...cells, day], transaction);
    }
  }

  /** Recomputes these kpi_slots cells from call_facts (a cell with no facts left disappears). */
  async recomputeSlots(cells: readonly Cell[], transaction: Transaction): Promise<void> {
    if (cells.length === 0) return;
    const where = cells.map(() => '(tenant_id = ? AND slot = ? AND kind = ? AND grp = ?)').join(' OR ');
    const replacements = cells.flat();
    await this.run(`DELETE FROM kpi_slots WHERE ${where}`, replacements, transaction);
    await this.run(`INSERT INTO kpi_slots (tenant_id, slot, kind, grp, ${CELL_COLUMNS})
      SELECT tenant_id, slot, kind, grp, ${factAggregates()} FROM call_facts WHERE ${where} GROUP BY tenant_id, slot, kind, grp`, replacements, transaction);
  }

  /** Recomputes the kpi_days cells of these slot cells' days and groups from kpi_slots. */
  async recomputeDaysOf(tenant: TenantRow, cells: readonly Cell[], transaction: Transaction): Promise<void> {
    const byDay = new Map<number, { end: number; cells: Cell[] }>();
    for (const cell of cells) {
      const [day, end] = this.dayOf(tenant.timezone, cell[1]);
      const d = byDay.get(day) ?? { end, cells: [] };
      d.cells.push(cell);
      byDay.set(day, d);
    }
    for (const [day, d] of byDay) await this.recomputeDay(tenant.id, day, d.end, transaction, d.cells);
  }

  /** Recomputes one local day's kpi_days cells from its slots: every group's, or only these cells' groups. */
  async recomputeDay(tenantId: number, day: number, end: number, transaction: Transaction, only?: readonly Cell[]): Promise<void> {
    const groups = only ? ` AND (${only.map(() => '(kind = ? AND grp = ?)').join(' OR ')})` : '';
    const pairs = only?.flatMap(([, , kind, grp]) => [kind, grp]) ?? [];
    await this.run(`DELETE FROM kpi_days WHERE tenant_id = ? AND ${KINDS} AND slot = ?${groups}`, [tenantId, day, ...pairs], transaction);
    await this.run(`INSERT INTO kpi_days (tenant_id, kind, slot, grp, end_slot, ${CELL_COLUMNS})
      SELECT tenant_id, kind, ${day}, grp, ${end}, ${cellAggregates()} FROM kpi_slots
      WHERE tenant_id = ? AND ${KINDS} AND slot >= ? AND slot < ?${groups} GROUP BY tenant_id, kind, grp`, [tenantId, day, end, ...pairs], transaction);
  }

  /**
   * True when the tenant's kpi_days are cut in its zone (then kept up to date by the caller).
   * Otherwise (first use, or the zone changed) cuts them all again from kpi_slots, now, and says
   * false: every day is already current.
   */
  async daysCut(tenant: TenantRow, transaction: Transaction, locked?: string | null): Promise<boolean> {
    const zone = locked === undefined ? await this.lockDayZone(tenant.id, transaction) : locked;
    if (zone === tenant.timezone) return true;
    await this.run(`DELETE FROM kpi_days WHERE tenant_id = ? AND ${KINDS}`, [tenant.id], transaction);
    const [range] = await this.select<{ lo: number | null; hi: number | null }>(`SELECT MIN(slot) AS lo, MAX(slot) AS hi FROM kpi_slots WHERE tenant_id = ? AND ${KINDS}`, [tenant.id], transaction);
    if (range?.lo != null && range.hi != null) {
      for (let [day, end] = this.dayOf(tenant.timezone, range.lo); day <= range.hi; [day, end] = this.dayOf(tenant.timezone, end)) await this.recomputeDay(tenant.id, day, end, transaction);
    }
    await this.run('INSERT INTO kpi_day_zones (tenant_id, timezone) VALUES (?, ?) ON DUPLICATE KEY UPDATE timezone = VALUES(timezone)', [tenant.id, tenant.timezone], transaction);
    return false;
  }

  /**
   * The zone the tenant's days are cut in ('' or null: not yet), its row locked until the
   * transaction ends. A missing row is created first ('' until the days are cut): locking a row
   * that does not exist locks nothing at READ COMMITTED, so the first writers would not take turns.
   */
  async lockDayZone(tenantId: number, transaction: Transaction): Promise<string | null> {
    const lock = 'SELECT timezone FROM kpi_day_zones WHERE tenant_id = ? FOR UPDATE';
    const [row] = await this.select<{ timezone: string }>(lock, [tenantId], transaction);
    if (row) return row.timezone;
    await this.run("INSERT INTO kpi_day_zones (tenant_id, timezone) VALUES (?, '') ON DUPLICATE KEY UPDATE tenant_id = tenant_id", [tenantId], transaction);
    const [created] = await this.select<{ timezone: string }>(lock, [tenantId], transaction);
    return created?.timezone ?? null;
  }
}
