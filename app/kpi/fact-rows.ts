// A call's facts as `call_facts` rows (one array of column values each, in FACT_COLUMNS order),
// read back the same way to compare with new ones, and which slot cells a change of a call's
// facts cannot just be added to and taken off: those whose maximum may go down, or that lose
// their facts (sums.ts recomputes them whole). Pure.
import { utcDateTime } from '../../db/connection.js';
import type { KpiFact } from './facts.js';
import { slotOf } from './slots.js';
import type { Cell } from './sums.js';

export const FACT_COLUMNS = ['call_id', 'kind', 'n', 'tenant_id', 'grp', 'at', 'slot', 'outcome', 'wait_ms', 'without_wait', 'talk_ms', 'handle_ms'];
const TEXT_COLUMNS = new Set(['call_id', 'kind', 'grp', 'at', 'outcome']);
/** Where a row's cell and maxima sit. */
const [KIND, TENANT, GROUP, SLOT] = [1, 3, 4, 6];
const MAXED = [8, 10]; // wait_ms, talk_ms: the cells keep their maximum

export type Values = (string | number | null)[];

export function factValues(callId: string, tenantId: number, f: KpiFact): Values {
  return [callId, f.kind, f.n, tenantId, f.group, utcDateTime(f.at), slotOf(f.at.getTime()), f.outcome, f.waitMs, f.withoutWait ? 1 : 0, f.talkMs, f.handleMs];
}

/** A row as the driver returns it (selected with `at` cast to text), in the form factValues gives. */
export function storedValues(row: Record<string, unknown>): Values {
  return FACT_COLUMNS.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return null;
    return TEXT_COLUMNS.has(c) ? (typeof v === 'string' ? v : JSON.stringify(v)) : Number(v);
  });
}

/** Facts rows in one order (kind, then rank), to compare stored and new ones. */
export const byUnit = (a: Values, b: Values): number => String(a[KIND]).localeCompare(String(b[KIND])) || Number(a[2]) - Number(b[2]);

export const cellOf = (r: Values): Cell => [Number(r[TENANT]), Number(r[SLOT]), String(r[KIND]), String(r[GROUP])];
export const slotOfRow = (r: Values): number => Number(r[SLOT]);
export const cellKey = (c: Cell): string => JSON.stringify(c);

/** The distinct cells of these rows. */
export function cellsOf(rows: readonly Values[]): Cell[] {
  return [...new Map(rows.map((r) => [cellKey(cellOf(r)), cellOf(r)])).values()];
}

/**
 * The cells of the old facts that the new ones leave without any fact, or whose wait or talk
 * maximum may be lower without the old facts (an old value above every new one in the cell).
 */
export function cellsToRecompute(old: readonly Values[], next: readonly Values[]): Cell[] {
  const maxima = (rows: readonly Values[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const key = cellKey(cellOf(r));
      const prev = m.get(key) ?? MAXED.map(() => -Infinity);
      m.set(key, MAXED.map((i, j) => Math.max(prev[j] ?? -Infinity, r[i] === null ? -Infinity : Number(r[i]))));
    }
    return m;
  };
  const [before, after] = [maxima(old), maxima(next)];
  return cellsOf(old).filter((cell) => {
    const key = cellKey(cell);
    const kept = after.get(key);
    return !kept || (before.get(key) ?? []).some((v, j) => v > (kept[j] ?? -Infinity));
  });
}
