// Writes the per-call summaries (facts.ts) to `call_facts` and keeps `kpi_slots` and `kpi_days`
// equal to their sums (sums.ts). A call saved when it ends adds its facts to the cells they fall
// in; saved again with other facts (a wrap-up end written after the call was summarised), its
// old facts are taken off first, and cells that could lose a maximum or their last fact are
// recomputed from the tier below. Saving the same facts again writes nothing, so a batch
// written twice counts its calls once. Calls are saved one at a time when they end (save,
// refresh) or a period at a time from the journal's events (rebuild: back-fill, repair, the
// benchmark), which recomputes every cell of the period. Every transaction that writes a
// tenant's facts or sums first locks the tenant's kpi_day_zones row, so they take turns: at READ
// COMMITTED two writers of the same cells would otherwise both find it empty and collide on its
// key. Transactions run at READ COMMITTED, the session's level (app/journal/session.ts).
import type { Sequelize, Transaction } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import { isLockConflict } from '../journal/db-errors.js';
import { readCommittedSessions } from '../journal/session.js';
import { classifyCall, type CallClassification } from './classify.js';
import { byUnit, cellKey, cellOf, cellsOf, cellsToRecompute, FACT_COLUMNS, factValues, slotOfRow, storedValues, type Values } from './fact-rows.js';
import { factsOf, summariseCall, type CallFacts } from './facts.js';
import { factAggregates, SLOT_COLUMNS } from './slots.js';
import { SqlRunner } from './sql-runner.js';
import { loadCallTimeline, timelinePages, type TimelineQuery } from './sql.js';
import { KINDS, KpiSums, type TenantRow } from './sums.js';
import type { CallTimeline } from './types.js';

const CELL_COLUMNS = SLOT_COLUMNS.join(', ');
/** Rows per multi-row INSERT. */
const CHUNK = 2_000;
/** A day of slots: bulk recomputation of slots goes a day per transaction. */
const DAY_SLOTS = 96;

export interface RebuildResult {
  calls: number;
  facts: number;
  /** The slots recomputed, [first, last]; null when no call had facts. */
  slots: [number, number] | null;
}

export class KpiFactStore extends SqlRunner {
  private readonly tenants = new Map<string, TenantRow>();
  private readonly sums: KpiSums;

  constructor(sequelize: Sequelize) {
    super(sequelize);
    readCommittedSessions(sequelize);
    this.sums = new KpiSums(sequelize);
  }

  /**
   * Replaces the call's facts and updates the slot and day cells they touch. Idempotent;
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
   * Summarises a call from what the journal stored and saves it: what the journal calls once the
   * call is final (its end written, and its agent's wrap-up end: app/journal/wrap-ups.ts).
   * `unknown` for a call not stored (or outbound).
   */
  async refresh(callId: string, opts: { transaction?: Transaction } = {}): Promise<'saved' | 'unchanged' | 'unknown'> {
    const timeline = await loadCallTimeline(this.sequelize, callId, opts);
    return timeline ? this.save(summariseCall(timeline), opts) : 'unknown';
  }

  /**
   * Ended inbound calls started since `since` that an agent answered (so they have facts once
   * summarised) and that have none: their summary waited for a wrap-up end that a stopped process
   * never wrote (or failed). Per tenant on calls_tenant_started (an appliance has a few tenants).
   */
  async unsummarised(since: Date, transaction: Transaction): Promise<string[]> {
    const rows = await this.select<{ id: string }>(`SELECT c.id FROM calls c
      WHERE c.tenant_id IN (SELECT id FROM tenants) AND c.started_at >= ? AND c.direction = 'inbound' AND c.ended_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND e.type = 'agent.answered')
        AND NOT EXISTS (SELECT 1 FROM call_facts f WHERE f.call_id = c.id)`, [utcDateTime(since)], transaction);
    return rows.map((r) => r.id);
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
        await this.sums.lockDayZone(tenantId, transaction);
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
        for (const r of rows) touch(slotOfRow(r));
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
        await this.sums.lockDayZone(tenant.id, transaction);
        await this.run(`DELETE FROM kpi_slots WHERE tenant_id = ? AND ${KINDS} AND slot BETWEEN ? AND ?`, range, transaction);
        await this.run(`INSERT INTO kpi_slots (tenant_id, slot, kind, grp, ${CELL_COLUMNS})
          SELECT tenant_id, slot, kind, grp, ${factAggregates()} FROM call_facts WHERE tenant_id = ? AND slot BETWEEN ? AND ? GROUP BY tenant_id, slot, kind, grp`, range, transaction);
      });
    }
    for (let [day, end] = this.sums.dayOf(tenant.timezone, first); day <= last; [day, end] = this.sums.dayOf(tenant.timezone, end)) {
      const [start, stop] = [day, end];
      await this.transaction(async (transaction) => {
        if (await this.sums.daysCut(tenant, transaction)) await this.sums.recomputeDay(tenant.id, start, stop, transaction);
      });
    }
  }

  /**
   * Sums are updated from the latest committed facts once the tenant's day-zone row is locked,
   * so each statement reads committed data rather than a snapshot taken before the lock.
   */
  private transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction(work);
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
    const zone = await this.sums.lockDayZone(tenant.id, transaction);
    const rows = call.facts.map((f) => factValues(call.callId, tenant.id, f)).sort(byUnit);
    const old = await this.select<Record<string, unknown>>(
      `SELECT ${FACT_COLUMNS.map((c) => (c === 'at' ? 'CAST(at AS CHAR) AS at' : c)).join(', ')} FROM call_facts WHERE call_id = ? FOR UPDATE`,
      [call.callId], transaction,
    );
    const stored = old.map(storedValues).sort(byUnit);
    if (JSON.stringify(stored) === JSON.stringify(rows)) return 'unchanged';
    // Days not cut yet (or cut in another zone: rare) are all cut from the slots after; the
    // call's slot cells are then recomputed whole too, as sums made before are not trusted.
    const daysCut = zone === tenant.timezone;
    const whole = daysCut ? cellsToRecompute(stored, rows) : cellsOf([...stored, ...rows]);
    const wholeKeys = new Set(whole.map(cellKey));
    /** The slots of the rows counted in and out one by one (not in a cell recomputed whole). */
    const counted = (r: readonly Values[]): number[] => r.filter((v) => !wholeKeys.has(cellKey(cellOf(v)))).map(slotOfRow);
    await this.sums.removeCall(call.callId, tenant, counted(stored), whole, daysCut, transaction);
    if (stored.length > 0) await this.run('DELETE FROM call_facts WHERE call_id = ?', [call.callId], transaction);
    await this.insertFacts(rows, transaction);
    await this.sums.addCall(call.callId, tenant, counted(rows), whole, daysCut, transaction);
    await this.sums.recomputeSlots(whole, transaction);
    if (!(await this.sums.daysCut(tenant, transaction, zone))) return 'saved';
    await this.sums.recomputeDaysOf(tenant, whole, transaction);
    return 'saved';
  }

  private async insertFacts(rows: readonly Values[], transaction: Transaction): Promise<void> {
    // Literals escaped by the dialect: thousands of `?` replacements cost more than the insert.
    const literal = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : this.sequelize.escape(v));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => `(${r.map(literal).join(', ')})`).join(', ');
      await this.run(`INSERT INTO call_facts (${FACT_COLUMNS.join(', ')}) VALUES ${values}`, [], transaction);
    }
  }
}
