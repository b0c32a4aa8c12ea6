// `cli.js kpi rebuild --tenant <slug> --from <ISO> --to <ISO>`: summarises a tenant's calls of a
// period again from their journalled events (KpiFactStore.rebuild) and recomputes the slot and
// day sums they touch. For the calls ended before the journal summarised them (back-fill), and
// to repair a period after a fix. It may run while the app does (lock conflicts with the app's
// summaries are run again), but a call the app summarises while its page is being rebuilt can
// keep the rebuild's older summary: rebuild a period once its calls and wrap-ups have ended.
import { parseArgs } from 'node:util';
import type { Sequelize } from 'sequelize';
import { isLockConflict } from '../journal/db-errors.js';
import { KpiFactStore } from './fact-store.js';
import { SLOT_MS } from './facts.js';
import type { TimelineQuery } from './sql.js';

export const KPI_USAGE = 'kpi rebuild --tenant <slug> --from <ISO date-time> --to <ISO date-time>';

/** An instant with its zone, e.g. 2026-03-01T00:00:00+01:00 or 2026-03-01T00:00Z. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The written date exists (Date would roll 2026-02-30 over to 2 March). */
function realDay(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

function instant(name: string, value: unknown): Date | string {
  if (typeof value !== 'string') return `--${name} is required`;
  const at = new Date(value);
  if (!INSTANT_RE.test(value) || !realDay(value) || Number.isNaN(at.getTime())) return `--${name} must be an ISO 8601 date-time with its offset (2026-03-01T00:00:00+01:00), got "${value}"`;
  return at;
}

/** The rebuild's arguments, or every problem with them. */
export function parseKpiArgs(args: readonly string[]): { query: TimelineQuery } | { problems: string[] } {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild') return { problems: [sub === undefined ? 'a sub-command is required' : `unknown sub-command "${sub}"`] };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, strict: true, options: { tenant: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  } catch (err) {
    return { problems: [err instanceof Error ? err.message : String(err)] };
  }
  const { tenant, from, to } = parsed.values;
  const problems: string[] = [];
  if (typeof tenant !== 'string' || tenant === '') problems.push('--tenant is required');
  const [a, b] = [instant('from', from), instant('to', to)];
  for (const v of [a, b]) if (typeof v === 'string') problems.push(v);
  if (a instanceof Date && b instanceof Date && a.getTime() >= b.getTime()) problems.push('--from must be before --to');
  if (problems.length > 0 || !(a instanceof Date) || !(b instanceof Date)) return { problems };
  return { query: { tenant: tenant ?? '', from: a, to: b } };
}

/**
 * `cli.js kpi ...`: 0 on success, 64 on bad usage, 65 for an unknown tenant (sysexits). The
 * arguments are checked before `withDb` opens the database.
 */
export async function runKpiCommand(args: readonly string[], withDb: (work: (s: Sequelize) => Promise<number>) => Promise<number>, io: Output): Promise<number> {
  const parsed = parseKpiArgs(args);
  if ('problems' in parsed) {
    io.err(`${parsed.problems.map((p) => `kpi: ${p}`).join('\n')}\nusage: ${KPI_USAGE}`);
    return 64;
  }
  return withDb((sequelize) => rebuild(new KpiFactStore(sequelize), parsed.query, io));
}

async function rebuild(store: KpiFactStore, query: TimelineQuery, io: Output): Promise<number> {
  try {
    await store.tenant(query.tenant);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    io.err(`kpi: ${err.message}`);
    return 65;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await store.rebuild(query);
      const slots = r.slots ? `, sums recomputed from ${slotTime(r.slots[0])} to ${slotTime(r.slots[1] + 1)}` : '';
      io.out(`kpi rebuild ${query.tenant} ${query.from.toISOString()} to ${query.to.toISOString()}: ${r.calls} calls, ${r.facts} facts${slots}`);
      return 0;
    } catch (err) {
      // The app summarised a call of the period at the same moment: run again (it is idempotent).
      if (attempt >= 5 || !isLockConflict(err)) throw err;
      io.err(`kpi: lock conflict with the running app; rebuilding again (attempt ${attempt + 1})`);
    }
  }
}

function slotTime(slot: number): string {
  return new Date(slot * SLOT_MS).toISOString();
}
