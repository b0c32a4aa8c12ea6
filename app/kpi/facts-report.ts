// The report from stored summaries, read from the coarsest tier that fits each part of the period:
// whole local days from `kpi_days` (day buckets in the zone the days were cut in), whole 15-minute
// slots from `kpi_slots` summed per group and bucket by MariaDB, and the partial slots at a
// period's edges (a period need not start on a quarter hour) from `call_facts`. Exactly the
// event-stream report's figures for every call summarised (see fact-store.ts). AHT per call
// reason joins the line summaries to the calls' wrap-ups (reasons.ts).
import { QueryTypes, type Sequelize } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import { Bucketer } from './buckets.js';
import { checkedSeconds } from './compute.js';
import { SLOT_MS } from './facts.js';
import { reasonSums } from './reasons.js';
import { KpiReportBuilder, type KpiReport, type KpiReportOptions } from './report-builder.js';
import {
  AGENT_COLUMNS, agentCellOf, bucketKeySql, cellAggregates, factAggregates, isSlotThreshold, kpiCellOf,
  SLOT_COLUMNS, SLOT_THRESHOLDS, slotOf, type SlotRow,
} from './slots.js';

export class UnsupportedThresholdError extends RangeError {
  override readonly name = 'UnsupportedThresholdError';
}

/** The in-memory table MariaDB may group slots in (beyond, it goes to disk: 2.5 times slower). */
const GROUPING_BYTES = 128 * 1024 * 1024;
/** Queue and line rows need every column; agent rows a few. */
const KIND_SETS = [["kind IN ('queue', 'line')", SLOT_COLUMNS], ["kind = 'agent'", AGENT_COLUMNS]] as const;

/** Reads one tenant's report (tenant: its id in `tenants`). */
export async function reportFromFacts(sequelize: Sequelize, tenantId: number, options: KpiReportOptions): Promise<KpiReport> {
  const sl = checkedSeconds(options.serviceLevelSeconds);
  if (!isSlotThreshold(sl)) throw new UnsupportedThresholdError(`serviceLevelSeconds must be one of ${SLOT_THRESHOLDS.join(', ')}`);
  const bucketer = new Bucketer(options.bucket, options.timezone, options.from, options.to);
  const from = options.from.getTime(), to = options.to.getTime();
  const firstWhole = Math.ceil(from / SLOT_MS), endWhole = Math.floor(to / SLOT_MS);
  const select = (sql: string, replacements: unknown[]): Promise<SlotRow[]> => sequelize.query<SlotRow>(sql, { replacements, type: QueryTypes.SELECT });
  const queries: Promise<SlotRow[]>[] = [];
  const perKind = (sql: (kinds: string, columns: readonly string[]) => string, replacements: unknown[]): void => {
    for (const [kinds, columns] of KIND_SETS) queries.push(select(sql(kinds, columns), replacements));
  };

  // The partial slots: [from, first whole slot) and [end of the whole slots, to), or [from, to) within one slot.
  const edges: [number, number][] = firstWhole > endWhole ? [[from, to]] : [[from, firstWhole * SLOT_MS], [endWhole * SLOT_MS, to]];
  for (const [a, b] of edges.filter(([a, b]) => a < b)) {
    perKind((kinds, columns) => `SELECT kind, grp, slot, ${factAggregates(columns)} FROM call_facts
      WHERE tenant_id = ? AND slot = ? AND ${kinds} AND at >= ? AND at < ? GROUP BY kind, grp, slot`,
    [tenantId, slotOf(a), utcDateTime(new Date(a)), utcDateTime(new Date(b))]);
  }
  // Whole days from kpi_days, when they were cut in this zone; whole slots around them.
  let slotRanges: [number, number][] = firstWhole < endWhole ? [[firstWhole, endWhole]] : [];
  if (options.bucket === 'day' && slotRanges.length > 0 && await daysCutIn(sequelize, tenantId, options.timezone)) {
    const days = bucketer.all().filter((d) => d.start.getTime() >= firstWhole * SLOT_MS && d.end.getTime() <= endWhole * SLOT_MS);
    const [dayFrom, dayTo] = [(days[0]?.start.getTime() ?? 0) / SLOT_MS, (days.at(-1)?.end.getTime() ?? 0) / SLOT_MS];
    if (days.length > 0) {
      perKind((kinds, columns) => `SELECT kind, grp, slot, ${columns.join(', ')} FROM kpi_days WHERE tenant_id = ? AND ${kinds} AND slot >= ? AND slot < ?`, [tenantId, dayFrom, dayTo]);
      slotRanges = [[firstWhole, dayFrom], [dayTo, endWhole]];
    }
  }
  for (const [a, b] of slotRanges.filter(([a, b]) => a < b)) {
    const key = bucketKeySql(bucketer, a, b - 1);
    // Room for the grouping in memory: a month of 300 agents per half-hour has ~150,000 groups.
    perKind((kinds, columns) => `SET STATEMENT max_heap_table_size = ${GROUPING_BYTES}, tmp_table_size = ${GROUPING_BYTES} FOR
      SELECT kind, grp, MIN(slot) AS slot, ${cellAggregates(columns)} FROM kpi_slots
      WHERE tenant_id = ? AND ${kinds} AND slot >= ? AND slot < ? GROUP BY kind, grp, ${key}`, [tenantId, a, b]);
  }

  const builder = new KpiReportBuilder(options);
  const [cells, reasons] = await Promise.all([Promise.all(queries), reasonSums(sequelize, tenantId, options)]);
  for (const r of reasons) builder.reasons.merge(r, r.calls, r.sumMs);
  for (const rows of cells) {
    for (const r of rows) {
      const at = Math.max(Number(r.slot) * SLOT_MS, from);
      if (r.kind === 'agent') builder.agent.mergeCell(r.grp, at, agentCellOf(r));
      else if (r.kind === 'queue') builder.queue.mergeCell(r.grp, at, kpiCellOf(r, sl));
      else {
        builder.line.mergeCell(r.grp, at, kpiCellOf(r, sl));
        builder.tenant.mergeCell(null, at, kpiCellOf(r, sl));
      }
    }
  }
  return builder.build();
}

async function daysCutIn(sequelize: Sequelize, tenantId: number, timezone: string): Promise<boolean> {
  const [row] = await sequelize.query<{ timezone: string }>('SELECT timezone FROM kpi_day_zones WHERE tenant_id = ?', { replacements: [tenantId], type: QueryTypes.SELECT });
  return row?.timezone === timezone;
}
