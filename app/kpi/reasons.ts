// AHT per call reason: the mean handle time (talk + wrap-up, as averageHandleMs on the line and
// tenant rows: the call's journey, counted when it first entered a queue within the period) of
// the answered calls an agent wrapped up with a reason (app/panel/wrapup.ts), per family and,
// within it, per nature, over the whole period. From the event stream, a call's reason is its last
// `call.wrapup` event; from the stored summaries, its `call_wrapups` row (reasonSums). Calls
// without a reason are not in it.
import { QueryTypes, type Sequelize } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import { handleMs, sortEvents, type CallClassification } from './classify.js';
import { SLOT_MS } from './facts.js';
import { DurationStat } from './stats.js';
import type { CallEventRecord } from './types.js';

export interface CallReason {
  family: string;
  nature: string;
}

export interface ReasonHandleRow {
  family: string;
  /** Answered calls with this reason whose handling is over. */
  calls: number;
  averageHandleMs: number | null;
  natures: { nature: string; calls: number; averageHandleMs: number | null }[];
}

/** The reason the call was last wrapped up with (its last `call.wrapup`), if any. */
export function wrapupReason(events: readonly CallEventRecord[]): CallReason | undefined {
  const last = sortEvents(events).findLast((e) => e.type === 'call.wrapup');
  const family = last?.data?.family, nature = last?.data?.nature;
  return typeof family === 'string' && typeof nature === 'string' ? { family, nature } : undefined;
}

export class ReasonAccumulator {
  /** family → nature → handle times. */
  private readonly stats = new Map<string, Map<string, DurationStat>>();

  constructor(private readonly period: { from: Date; to: Date }) {}

  /** A classified call with its reason: its journey's handle time, if answered within the period and handled. */
  addClassified(c: CallClassification, reason: CallReason | undefined): void {
    const j = c.journey;
    if (!reason || !j?.talk || j.outcome.kind !== 'answered') return;
    const at = j.enteredAt.getTime();
    if (at < this.period.from.getTime() || at >= this.period.to.getTime()) return;
    const ms = handleMs(j.talk);
    if (ms !== null) this.stat(reason).add(ms);
  }

  /** Sums made elsewhere (SQL) for one reason. */
  merge(reason: CallReason, count: number, sumMs: number): void {
    this.stat(reason).merge(DurationStat.of(sumMs, count, null));
  }

  /** Families, then their natures, by code. */
  rows(): ReasonHandleRow[] {
    return [...this.stats.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([family, natures]) => {
      const total = new DurationStat();
      const rows = [...natures.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([nature, s]) => {
        total.merge(s);
        return { nature, calls: s.count, averageHandleMs: s.mean };
      });
      return { family, calls: total.count, averageHandleMs: total.mean, natures: rows };
    });
  }

  private stat({ family, nature }: CallReason): DurationStat {
    let byNature = this.stats.get(family);
    if (!byNature) this.stats.set(family, (byNature = new Map<string, DurationStat>()));
    let s = byNature.get(nature);
    if (!s) byNature.set(nature, (s = new DurationStat()));
    return s;
  }
}

/** Per reason, the count and sum of handle times of the tenant's line summaries of [from, to) (call_facts ⋈ call_wrapups). */
export async function reasonSums(sequelize: Sequelize, tenantId: number, period: { from: Date; to: Date }): Promise<{ family: string; nature: string; calls: number; sumMs: number }[]> {
  const rows = await sequelize.query<{ family: string; nature: string; calls: number | bigint; sumMs: number | string | null }>(`
    SELECT w.family AS family, w.nature AS nature, COUNT(*) AS calls, SUM(f.handle_ms) AS sumMs
    FROM call_facts f JOIN call_wrapups w ON w.call_id = f.call_id
    WHERE f.tenant_id = ? AND f.slot >= ? AND f.slot <= ? AND f.kind = 'line' AND f.n = 0
      AND f.at >= ? AND f.at < ? AND f.outcome = 'answered' AND f.handle_ms IS NOT NULL
    GROUP BY w.family, w.nature`, {
    replacements: [tenantId, Math.floor(period.from.getTime() / SLOT_MS), Math.floor((period.to.getTime() - 1) / SLOT_MS), utcDateTime(period.from), utcDateTime(period.to)],
    type: QueryTypes.SELECT,
  });
  return rows.map((r) => ({ family: r.family, nature: r.nature, calls: Number(r.calls), sumMs: Number(r.sumMs ?? 0) }));
}
