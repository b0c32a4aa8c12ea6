// The sums the reports need per tenant, 15-minute UTC slot, kind and group (`kpi_slots`), made
// from `call_facts` by one SQL aggregate; and how report buckets are made of slots. A slot lies
// in exactly one bucket of any kind in any zone whose offsets are whole quarter hours and change
// on quarter hours (every zone the appliance serves), so a bucket's figures are its slots' sums.
import { AgentCell } from './agents.js';
import { offsetChanges, offsetMs } from '../../ivr/calendar/zoned.js';
import type { Bucketer } from './buckets.js';
import { KpiCell } from './compute.js';
import { SLOT_MS, type FactKind } from './facts.js';
import { DurationStat } from './stats.js';

/** Service-level thresholds (seconds) each slot keeps an "answered within" count for. */
export const SLOT_THRESHOLDS = [10, 15, 20, 25, 30, 40, 45, 60, 90, 120] as const;
export type SlotThreshold = (typeof SLOT_THRESHOLDS)[number];

export function isSlotThreshold(s: number): s is SlotThreshold {
  return (SLOT_THRESHOLDS as readonly number[]).includes(s);
}

export const slotOf = (ms: number): number => Math.floor(ms / SLOT_MS);

const answered = "outcome = 'answered'";
/** Agent units have no wait: compare waits of queue and line units only (never NULL in a SUM). */
const waited = `${answered} AND wait_ms IS NOT NULL AND`;
/** Each kpi_slots column and its aggregate over call_facts rows. */
const AGGREGATES: readonly [string, string][] = [
  ['offered', "SUM(outcome <> 'ivr')"],
  ['answered', `SUM(${answered})`],
  ...SLOT_THRESHOLDS.map((s): [string, string] => [`within_${s}`, `SUM(${waited} wait_ms <= ${s * 1000})`]),
  ['n40', `SUM(${waited} wait_ms < 40000)`],
  ['before_10s', `SUM(${waited} wait_ms < 10000)`],
  ['without_wait', `SUM(${answered} AND without_wait)`],
  ...(['ivr', 'immediate', 'abandoned', 'dropped', 'overflowed', 'callback', 'waiting', 'no_answer'] as const).map((o): [string, string] =>
    [{ ivr: 'in_ivr', callback: 'callbacks', waiting: 'in_progress' }[o as string] ?? o, `SUM(outcome = '${o}')`]),
  ['wait_n', 'COUNT(wait_ms)'],
  ['talk_n', 'COUNT(talk_ms)'],
  ['handle_n', 'COUNT(handle_ms)'],
  ['wait_sum', 'COALESCE(SUM(wait_ms), 0)'],
  ['answered_wait_sum', `COALESCE(SUM(IF(${answered}, wait_ms, 0)), 0)`],
  ['talk_sum', 'COALESCE(SUM(talk_ms), 0)'],
  ['handle_sum', 'COALESCE(SUM(handle_ms), 0)'],
  ['wait_max', 'MAX(wait_ms)'],
  ['talk_max', 'MAX(talk_ms)'],
];
/** Every column of kpi_slots and kpi_days after the key. */
export const SLOT_COLUMNS: readonly string[] = AGGREGATES.map(([c]) => c);
/** What agent rows need (the others stay zero for agents). */
export const AGENT_COLUMNS: readonly string[] = ['offered', 'answered', 'no_answer', 'talk_n', 'handle_n', 'talk_sum', 'handle_sum', 'talk_max'];

/** `SUM(...) AS col, ...` over call_facts rows. */
export function factAggregates(columns: readonly string[] = SLOT_COLUMNS): string {
  return AGGREGATES.filter(([c]) => columns.includes(c)).map(([c, e]) => `${e} AS ${c}`).join(', ');
}

/** The same over kpi_slots or kpi_days rows: counts and sums add up, maxima take the maximum. */
export function cellAggregates(columns: readonly string[] = SLOT_COLUMNS): string {
  return columns.map((c) => `${c.endsWith('_max') ? 'MAX' : 'SUM'}(${c}) AS ${c}`).join(', ');
}

/** One aggregated row: kind, group, one of its slots, and the SLOT_COLUMNS (numbers as the driver gives them). */
export type SlotRow = { kind: FactKind; grp: string; slot: number | string } & Record<string, unknown>;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function kpiCellOf(r: SlotRow, serviceLevelSeconds: SlotThreshold): KpiCell {
  const c = new KpiCell();
  Object.assign(c, {
    offered: num(r.offered), answered: num(r.answered), within: num(r[`within_${serviceLevelSeconds}`]),
    n40: num(r.n40), before10s: num(r.before_10s), withoutWait: num(r.without_wait), inIvr: num(r.in_ivr),
    immediate: num(r.immediate), abandoned: num(r.abandoned), dropped: num(r.dropped), overflowed: num(r.overflowed),
    callbacks: num(r.callbacks), inProgress: num(r.in_progress),
  });
  c.wait.merge(DurationStat.of(num(r.wait_sum), num(r.wait_n), numOrNull(r.wait_max)));
  c.answeredWait.merge(DurationStat.of(num(r.answered_wait_sum), num(r.answered), null));
  c.talk.merge(DurationStat.of(num(r.talk_sum), num(r.talk_n), numOrNull(r.talk_max)));
  c.handle.merge(DurationStat.of(num(r.handle_sum), num(r.handle_n), null));
  return c;
}

export function agentCellOf(r: SlotRow): AgentCell {
  const c = new AgentCell();
  Object.assign(c, { offered: num(r.offered), taken: num(r.answered), noAnswer: num(r.no_answer) });
  c.talk.merge(DurationStat.of(num(r.talk_sum), num(r.talk_n), numOrNull(r.talk_max)));
  c.handle.merge(DurationStat.of(num(r.handle_sum), num(r.handle_n), null));
  return c;
}

/**
 * An SQL expression of `slot` that is equal for two slots exactly when they lie in the same
 * bucket of `bucketer` (slots between `first` and `last`): the zone's offsets over those slots,
 * as a CASE on the slots where they change, turn each slot into its local bucket number. Throws
 * for a zone whose offsets are not whole quarter hours or change off a quarter hour.
 */
export function bucketKeySql(bucketer: Bucketer, first: number, last: number): string {
  if (bucketer.kind === 'total') return '0';
  const tz = bucketer.timezone;
  const offsetSlots = (ms: number): number => {
    const off = offsetMs(new Date(ms), tz);
    if (off % SLOT_MS !== 0 || ms % SLOT_MS !== 0) throw new RangeError(`time zone ${tz}: its offset is not whole quarter hours from quarter hours near ${new Date(ms).toISOString()}`);
    return off / SLOT_MS;
  };
  const start = offsetSlots(first * SLOT_MS);
  const changes = offsetChanges(new Date(first * SLOT_MS), new Date((last + 1) * SLOT_MS), tz).map((d) => [slotOf(d.getTime()), offsetSlots(d.getTime())] as const);
  const offset = changes.length === 0 ? String(start)
    : `(CASE ${changes.map(([s], i) => `WHEN slot < ${s} THEN ${i === 0 ? start : changes[i - 1]?.[1]}`).join(' ')} ELSE ${changes.at(-1)?.[1]} END)`;
  if (bucketer.kind === 'day') return `FLOOR((slot + ${offset}) / 96)`;
  const unit = bucketer.kind === 'hour' ? 4 : 2;
  return `(slot - MOD(slot + ${offset}, ${unit}))`;
}
