// Wall-clock time in an IANA time zone, from the tz database that Intl carries. Nothing here reads
// the process's own time zone: every conversion goes through Intl.DateTimeFormat with an explicit
// timeZone, and plain dates are handled as UTC calendar arithmetic (Date.UTC, getUTC*).

/** A wall-clock reading. weekday is ISO: 1 = Monday … 7 = Sunday. */
export interface LocalParts {
  year: number; month: number; day: number; weekday: number;
  hour: number; minute: number; second: number;
}

/** A local date and time, without a zone. second defaults to 0. */
export interface LocalDateTime {
  year: number; month: number; day: number; hour: number; minute: number; second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // h23 so that midnight reads 00, never 24; en-US only fixes the digits (latn), not the zone.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when this runtime's Intl knows the IANA zone name. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day);
  return ((d.getUTCDay() + 6) % 7) + 1;
}

/** The wall clock in `tz` at `instant`. */
export function localParts(instant: Date, tz: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatterFor(tz).formatToParts(instant)) p[part.type] = part.value;
  const yearOfEra = Number(p.year);
  const year = p.era === 'BC' ? 1 - yearOfEra : yearOfEra;
  const month = Number(p.month), day = Number(p.day);
  return {
    year, month, day, weekday: isoWeekday(year, month, day),
    hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second),
  };
}

/** Milliseconds since the epoch of a wall-clock reading, as if it were UTC. */
function wallMs(l: LocalDateTime): number {
  const d = new Date(Date.UTC(2000, 0, 1, l.hour, l.minute, l.second ?? 0));
  d.setUTCFullYear(l.year, l.month - 1, l.day);
  return d.getTime();
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive; Paris in summer: +7,200,000). */
export function offsetMs(instant: Date, tz: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return wallMs(localParts(new Date(whole), tz)) - whole;
}

const DAY = 86_400_000;

/**
 * The instant at which the wall clock in `tz` reads `local` ('YYYY-MM-DDTHH:MM[:SS]' or parts).
 * - A local time that exists once maps to that instant.
 * - A local time that exists twice (the overlap when clocks go back, e.g. 02:30 on 2026-10-25 in
 *   Paris) maps to the EARLIER instant (00:30 UTC, still in summer time).
 * - A local time that does not exist (the gap when clocks go forward, e.g. 02:30 on 2026-03-29 in
 *   Paris) maps to the FIRST INSTANT AFTER THE GAP, i.e. the transition itself (01:00 UTC, which
 *   reads 03:00 local).
 * Assumes at most one offset change within a day either side, as in every zone of the tz database.
 */
export function zonedToInstant(local: string | LocalDateTime, tz: string): Date {
  return zonedToInstants(local, tz)[0] as Date;
}

/**
 * Every instant at which the wall clock in `tz` reads `local`, earliest first: one normally, two
 * in an overlap; in a gap, the one instant that ends the gap (as zonedToInstant).
 */
export function zonedToInstants(local: string | LocalDateTime, tz: string): Date[] {
  const l = typeof local === 'string' ? parseLocalDateTime(local) : local;
  const wall = wallMs(l);
  const before = offsetMs(new Date(wall - DAY), tz);
  const after = offsetMs(new Date(wall + DAY), tz);
  const fits = [...new Set([before, after])]
    .map((off) => wall - off)
    .filter((t) => offsetMs(new Date(t), tz) === wall - t)
    .sort((a, b) => a - b);
  if (fits.length > 0) return fits.map((t) => new Date(t));
  // In a gap: `wall - after` is before the transition, `wall - before` after it.
  return [firstInstantWithOffset(wall - after, wall - before, after, tz)];
}

/** Binary search, in (lo, hi], for the first millisecond whose offset is `target`. */
function firstInstantWithOffset(lo: number, hi: number, target: number, tz: string): Date {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(new Date(mid), tz) === target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * Instants in (from, to] at which the zone's offset changes (DST and Ramadan changes). Looks a day
 * at a time, so assumes at most one change a day, as everywhere in the tz database.
 */
export function offsetChanges(from: Date, to: Date, tz: string): Date[] {
  const out: Date[] = [];
  let lo = from.getTime();
  let loOffset = offsetMs(from, tz);
  while (lo < to.getTime()) {
    const hi = Math.min(lo + DAY, to.getTime());
    const hiOffset = offsetMs(new Date(hi), tz);
    if (hiOffset !== loOffset) out.push(firstInstantWithOffset(lo, hi, hiOffset, tz));
    [lo, loOffset] = [hi, hiOffset];
  }
  return out;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses 'YYYY-MM-DDTHH:MM[:SS]'; throws a RangeError on anything else. */
export function parseLocalDateTime(s: string): LocalDateTime {
  const m = LOCAL_DATE_TIME.exec(s);
  if (!m) throw new RangeError(`not a local date-time YYYY-MM-DDTHH:MM: '${s}'`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as
    [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' of a calendar date. */
export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** 'YYYY-MM-DDTHH:MM' of a wall-clock reading. */
export function formatLocal(l: LocalDateTime): string {
  return `${formatDate(l.year, l.month, l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
}

/** The calendar date `days` after (or before) the given one. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
