// Writes the per-call summaries (facts.ts) to `call_facts` and keeps `kpi_slots` and `kpi_days`
// equal to their sums. A call's facts are replaced whole, and every slot cell they touch (before
// and after) is recomputed from `call_facts`, and each day cell from its slots, in the same
// transaction: saving a call again, or two calls at once, leaves the same figures. Calls are saved
// one at a time when they end (save, refresh) or a period at a time from the journal's events
// (rebuild: back-fill, repair, the benchmark). Every transaction that writes a tenant's facts or
// sums first locks the tenant's kpi_day_zones row, so they take turns: at READ COMMITTED two
// writers of the same cells would otherwise both find it empty and collide on its key.
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import { isLockConflict } from '../journal/db-errors.js';
import { classifyCall, type CallClassification } from './classify.js';
import { factsOf, SLOT_MS, summariseCall, type CallFacts, type KpiFact } from './facts.js';
import { Bucketer } from './buckets.js';
import { cellAggregates, factAggregates, SLOT_COLUMNS, slotOf } from './slots.js';
import { loadCallTimeline, timelinePages, type TimelineQuery } from './sql.js';
import type { CallTimeline } from './types.js';

const FACT_COLUMNS = ['call_id', 'kind', 'n', 'tenant_id', 'grp', 'at', 'slot', 'outcome', 'wait_ms', 'without_wait', 'talk_ms', 'handle_ms'];
const TEXT_COLUMNS = new Set(['call_id', 'kind', 'grp', 'at', 'outcome']);
const KINDS = "kind IN ('queue', 'line', 'agent')";
const CELL_COLUMNS = SLOT_COLUMNS.join(', ');
/** Rows per multi-row INSERT. */
const CHUNK = 2_000;
/** A day of slots: bulk recomputation of slots goes a day per transaction. */
const DAY_SLOTS = 96;

type Cell = [tenantId: number, slot: number, kind: string, grp: string];
type Values = (string | number | null)[];
interface TenantRow { id: number; timezone: string }

/** Facts rows in one order (kind, then rank), to compare stored and new ones. */
const byUnit = (a: Values, b: Values): number => String(a[1]).localeCompare(String(b[1])) || Number(a[2]) - Number(b[2]);

function factValues(callId: string, tenantId: number, f: KpiFact): Values {
  return [callId, f.kind, f.n, tenantId, f.group, utcDateTime(f.at), slotOf(f.at.getTime()), f.outcome, f.waitMs, f.withoutWait ? 1 : 0, f.talkMs, f.handleMs];
}

/** The local day holding a slot, as [slot of its midnight, slot of the next]. */
function dayOf(days: Bucketer, slot: number): [number, number] {
  const start = days.startOf(slot * SLOT_MS), end = days.endOf(start);
  if (start % SLOT_MS !== 0 || end % SLOT_MS !== 0) throw new RangeError(`time zone ${days.timezone}: local midnight is not on a quarter hour near ${new Date(start).toISOString()}`);
  return [start / SLOT_MS, end / SLOT_MS];
}

export interface RebuildResult {
  calls: number;
  facts: number;
  /** The slots recomputed, [first, last]; null when no call had facts. */
  slots: [number, number] | null;
}

export class KpiFactStore {
  private readonly tenants = new Map<string, TenantRow>();
  private readonly dayBucketers = new Map<string, Bucketer>();

  constructor(private readonly sequelize: Sequelize) {}

  /**
   * Replaces the call's facts and recomputes the slot and day cells they touch. Idempotent;
   * returns `unchanged` (and writes nothing) when the stored facts are already these. Saves of
   * one tenant take turns (they lock its kpi_day_zones row first). In the caller's transaction if
   * given; otherwise in its own, run again after a lock conflict.
   */
  async save(call: CallFacts, opts: { transaction?: Transaction } = {}): Promise<'saved' | 'unchanged'> {
    if (opts.transaction) return this.saveIn(call, opts.transaction);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction((t) => this.saveIn(call, t));
      } catch (err) {
        if (attempt >= 10 || !isLockConflict(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
  }

  /**
   * Summarises a call from what the journal stored and saves it: what the app calls once the
   * call's hang-up is written, and again once its agent's wrap-up end is. `unknown` for a call not
   * stored (or outbound).
   */
  async refresh(callId: string, opts: { transaction?: Transaction } = {}): Promise<'saved' | 'unchanged' | 'unknown'> {
    const timeline = await loadCallTimeline(this.sequelize, callId, opts);
    return timeline ? this.save(summariseCall(timeline), opts) : 'unknown';
  }

  /**
   * Summarises every inbound call of a tenant started in [from - lookback, to) from its events
   * (page by page, as sql.ts reads them), then recomputes every slot from the first to the last
   * its old or new facts touch, and the days holding them, a day per transaction. `onClassified`
   * sees each call (the benchmark computes the event-stream reference in the same pass).
   */
  async rebuild(q: TimelineQuery, onClassified?: (c: CallClassification) => void): Promise<RebuildResult> {
    const tenant = await this.tenant(q.tenant);
    const result = await this.replaceFacts(tenant.id, q, onClassified);
    if (result.slots) await this.recomputeRange(tenant, ...result.slots);
    return result;
  }

  /**
   * rebuild's first half: every call's facts replaced, a page per transaction. A call the journal
   * wrote events to since its page was read is read again once the tenant's sums are locked, so
   * a summary the app wrote meanwhile is not replaced by an older one.
   */
  private async replaceFacts(tenantId: number, q: TimelineQuery, onClassified?: (c: CallClassification) => void): Promise<RebuildResult> {
    let calls = 0, facts = 0, first = Infinity, last = -Infinity;
    const touch = (slot: number | null | undefined): void => {
      if (slot === null || slot === undefined) return;
      first = Math.min(first, slot);
      last = Math.max(last, slot);
    };
    const classified = (timeline: CallTimeline): { c: CallClassification; rows: Values[] } => {
      const c = classifyCall(timeline);
      return { c, rows: factsOf(c).map((f) => factValues(timeline.callId, tenantId, f)) };
    };
    // The next page is read while this one is classified and written.
    const pages = timelinePages(this.sequelize, q);
    for (let next = pages.next(); ;) {
      const current = await next;
      if (current.done) break;
      next = pages.next();
      next.catch(() => undefined); // awaited on the next turn; not unhandled if this page fails
      const page = new Map(current.value.map((t) => [t.callId, { events: t.events.length, ...classified(t) }]));
      const ids = [...page.keys()];
      await this.transaction(async (transaction) => {
        // The calls' rows first (inserting their facts takes these shared locks anyway): the journal
        // locks a call's row before the sums, so the same order cannot deadlock with its batches.
        // On the primary key: a covering secondary index would lock its own records, not the rows.
        await this.select('SELECT id FROM calls FORCE INDEX (PRIMARY) WHERE id IN (?) LOCK IN SHARE MODE', [ids], transaction);
        await this.lockDayZone(tenantId, transaction);
        const counts = await this.select<{ id: string; n: number }>('SELECT call_id AS id, COUNT(*) AS n FROM call_events WHERE call_id IN (?) GROUP BY call_id', [ids], transaction);
        for (const { id, n } of counts) {
          const seen = page.get(id);
          const timeline = seen && Number(n) !== seen.events ? await loadCallTimeline(this.sequelize, id, { transaction }) : undefined;
          if (seen && timeline) Object.assign(seen, classified(timeline));
        }
        const [old] = await this.select<{ lo: number | null; hi: number | null }>('SELECT MIN(slot) AS lo, MAX(slot) AS hi FROM call_facts WHERE call_id IN (?)', [ids], transaction);
        touch(old?.lo);
        touch(old?.hi);
        await this.run('DELETE FROM call_facts WHERE call_id IN (?)', [ids], transaction);
        await this.insertFacts([...page.values()].flatMap((p) => p.rows), transaction);
      });
      for (const { c, rows } of page.values()) {
        onClassified?.(c);
        for (const r of rows) touch(Number(r[6]));
        facts += rows.length;
      }
      calls += page.size;
    }
    return { calls, facts, slots: first <= last ? [first, last] : null };
  }

  /** rebuild's second half: slots [first, last] from call_facts, then the days holding them, a day per transaction. */
  private async recomputeRange(tenant: TenantRow, first: number, last: number): Promise<void> {
    for (let from = first; from <= last; from += DAY_SLOTS) {
      const range = [tenant.id, from, Math.min(from + DAY_SLOTS - 1, last)];
      await this.transaction(async (transaction) => {
        await this.lockDayZone(tenant.id, transaction);
        await this.run(`DELETE FROM kpi_slots WHERE tenant_id = ? AND ${KINDS} AND slot BETWEEN ? AND ?`, range, transaction);
        await this.run(`INSERT INTO kpi_slots (tenant_id, slot, kind, grp, ${CELL_COLUMNS})
          SELECT tenant_id, slot, kind, grp, ${factAggregates()} FROM call_facts WHERE tenant_id = ? AND slot BETWEEN ? AND ? GROUP BY tenant_id, slot, kind, grp`, range, transaction);
      });
    }
    const days = this.days(tenant.timezone);
    for (let [day, end] = dayOf(days, first); day <= last; [day, end] = dayOf(days, end)) {
      const [start, stop] = [day, end];
      await this.transaction(async (transaction) => {
        if (await this.daysCut(tenant, transaction)) await this.recomputeDay(tenant.id, start, stop, transaction);
      });
    }
  }

  /**
   * Sums are recomputed from the latest committed facts once the tenant's day-zone row is locked,
   * so each statement reads committed data rather than a snapshot taken before the lock.
   */
  private transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, work);
  }

  /** The tenant's id and zone (cached), or a clear error for an unknown slug. */
  async tenant(slug: string, transaction?: Transaction): Promise<TenantRow> {
    const known = this.tenants.get(slug);
    if (known) return known;
    const [row] = await this.select<TenantRow>('SELECT id, timezone FROM tenants WHERE slug = ?', [slug], transaction);
    if (!row) throw new RangeError(`unknown tenant "${slug}"`);
    this.tenants.set(slug, row);
    return row;
  }

  private async saveIn(call: CallFacts, transaction: Transaction): Promise<'saved' | 'unchanged'> {
    const tenant = await this.tenant(call.tenant, transaction);
    const zone = await this.lockDayZone(tenant.id, transaction);
    const rows = call.facts.map((f) => factValues(call.callId, tenant.id, f));
    const old = await this.select<Record<string, unknown>>(
      `SELECT ${FACT_COLUMNS.map((c) => (c === 'at' ? 'CAST(at AS CHAR) AS at' : c)).join(', ')} FROM call_facts WHERE call_id = ? FOR UPDATE`,
      [call.callId], transaction,
    );
    const value = (v: unknown, c: string): string | number | null => (v === null || v === undefined ? null : TEXT_COLUMNS.has(c) ? (typeof v === 'string' ? v : JSON.stringify(v)) : Number(v));
    const stored = old.map((r) => FACT_COLUMNS.map((c) => value(r[c], c))).sort(byUnit);
    if (JSON.stringify(stored) === JSON.stringify([...rows].sort(byUnit))) return 'unchanged';
    await this.run('DELETE FROM call_facts WHERE call_id = ?', [call.callId], transaction);
    await this.insertFacts(rows, transaction);
    const cells = new Map<string, Cell>();
    for (const r of [...stored, ...rows]) {
      const cell: Cell = [Number(r[3]), Number(r[6]), String(r[1]), String(r[4])];
      cells.set(JSON.stringify(cell), cell);
    }
    await this.recomputeSlots([...cells.values()], transaction);
    if (!(await this.daysCut(tenant, transaction, zone))) return 'saved';
    const byDay = new Map<number, { end: number; cells: Cell[] }>();
    for (const cell of cells.values()) {
      const [day, end] = dayOf(this.days(tenant.timezone), cell[1]);
      const d = byDay.get(day) ?? { end, cells: [] };
      d.cells.push(cell);
      byDay.set(day, d);
    }
    for (const [day, d] of byDay) await this.recomputeDay(tenant.id, day, d.end, transaction, d.cells);
    return 'saved';
  }

  /** Recomputes these kpi_slots cells from call_facts (a cell with no facts left disappears). */
  private async recomputeSlots(cells: readonly Cell[], transaction: Transaction): Promise<void> {
    if (cells.length === 0) return;
    const where = cells.map(() => '(tenant_id = ? AND slot = ? AND kind = ? AND grp = ?)').join(' OR ');
    const replacements = cells.flat();
    await this.run(`DELETE FROM kpi_slots WHERE ${where}`, replacements, transaction);
    await this.run(`INSERT INTO kpi_slots (tenant_id, slot, kind, grp, ${CELL_COLUMNS})
      SELECT tenant_id, slot, kind, grp, ${factAggregates()} FROM call_facts WHERE ${where} GROUP BY tenant_id, slot, kind, grp`, replacements, transaction);
  }

  /** Recomputes one local day's kpi_days cells from its slots: every group's, or only these cells' groups. */
  private async recomputeDay(tenantId: number, day: number, end: number, transaction: Transaction, only?: readonly Cell[]): Promise<void> {
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
  private async daysCut(tenant: TenantRow, transaction: Transaction, locked?: string | null): Promise<boolean> {
    const zone = locked === undefined ? await this.lockDayZone(tenant.id, transaction) : locked;
    if (zone === tenant.timezone) return true;
    await this.run(`DELETE FROM kpi_days WHERE tenant_id = ? AND ${KINDS}`, [tenant.id], transaction);
    const [range] = await this.select<{ lo: number | null; hi: number | null }>(`SELECT MIN(slot) AS lo, MAX(slot) AS hi FROM kpi_slots WHERE tenant_id = ? AND ${KINDS}`, [tenant.id], transaction);
    if (range?.lo != null && range.hi != null) {
      const days = this.days(tenant.timezone);
      for (let [day, end] = dayOf(days, range.lo); day <= range.hi; [day, end] = dayOf(days, end)) await this.recomputeDay(tenant.id, day, end, transaction);
    }
    await this.run('INSERT INTO kpi_day_zones (tenant_id, timezone) VALUES (?, ?) ON DUPLICATE KEY UPDATE timezone = VALUES(timezone)', [tenant.id, tenant.timezone], transaction);
    return false;
  }

  /**
   * The zone the tenant's days are cut in ('' or null: not yet), its row locked until the
   * transaction ends. A missing row is created first ('' until the days are cut): locking a row
   * that does not exist locks nothing at READ COMMITTED, so the first writers would not take turns.
   */
  private async lockDayZone(tenantId: number, transaction: Transaction): Promise<string | null> {
    const lock = 'SELECT timezone FROM kpi_day_zones WHERE tenant_id = ? FOR UPDATE';
    const [row] = await this.select<{ timezone: string }>(lock, [tenantId], transaction);
    if (row) return row.timezone;
    await this.run("INSERT INTO kpi_day_zones (tenant_id, timezone) VALUES (?, '') ON DUPLICATE KEY UPDATE tenant_id = tenant_id", [tenantId], transaction);
    const [created] = await this.select<{ timezone: string }>(lock, [tenantId], transaction);
    return created?.timezone ?? null;
  }

  private days(timezone: string): Bucketer {
    let b = this.dayBucketers.get(timezone);
    if (!b) this.dayBucketers.set(timezone, (b = new Bucketer('day', timezone, new Date(0), new Date(8.64e15))));
    return b;
  }

  private async insertFacts(rows: readonly Values[], transaction: Transaction): Promise<void> {
    // Literals escaped by the dialect: thousands of `?` replacements cost more than the insert.
    const literal = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : this.sequelize.escape(v));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => `(${r.map(literal).join(', ')})`).join(', ');
      await this.run(`INSERT INTO call_facts (${FACT_COLUMNS.join(', ')}) VALUES ${values}`, [], transaction);
    }
  }

  private async run(sql: string, replacements: unknown[], transaction: Transaction): Promise<void> {
    await this.sequelize.query(sql, { ...(replacements.length > 0 ? { replacements } : {}), transaction });
  }

  private select<T extends object>(sql: string, replacements: unknown[], transaction?: Transaction): Promise<T[]> {
    return this.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction: transaction ?? null });
  }
}
