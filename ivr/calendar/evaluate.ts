// Is a line open at a given instant? Precedence: an exceptional closure, then a public holiday
// (the whole local day), then the weekly hours. Ranges are half-open, [start, end): with Friday
// hours 13:30-16:30, 16:29:59 is open and 16:30:00 is closed. Everything is computed in the
// calendar's own time zone through Intl; the process's time zone plays no part.
import type { Calendar, Weekday } from './schema.js';
import { WEEKDAYS } from './schema.js';
import { publicHolidays } from './holidays.js';
import {
  addDays, formatDate, formatLocal, isoWeekday, localParts, offsetChanges, zonedToInstant, zonedToInstants, type LocalParts,
} from './zoned.js';

export type CalendarReason = 'open' | 'outside-hours' | 'holiday' | 'closure';

export interface CalendarDecision {
  open: boolean;
  reason: CalendarReason;
  /** The holiday's name or the closure's reason. */
  detail?: string;
  /** The wall clock in the calendar's zone, e.g. '2026-11-20T16:29 Europe/Paris'. */
  localTime: string;
  /**
   * The next instant at which `open` flips (the line opens, or closes), searched up to 14 days
   * ahead; absent when it does not flip within that window (a 24/7 line). A change of reason
   * alone while the line stays closed (outside hours, then a holiday) is not a flip: for a caller
   * the line is closed all along, and this is the instant to announce ("we reopen on …").
   */
  nextChange?: Date;
}

interface State { open: boolean; reason: CalendarReason; detail?: string }

export const NEXT_CHANGE_HORIZON_MS = 14 * 86_400_000;

interface Compiled {
  closures: { from: number; to: number; reason: string }[];
  holidaysByYear: Map<number, Map<string, string>>;
}

// Calendars are parsed once and then read-only, so what is derived from them is kept per object.
const compiled = new WeakMap<Calendar, Compiled>();

function compile(cal: Calendar): Compiled {
  let c = compiled.get(cal);
  if (!c) {
    c = {
      closures: cal.closures.map((k) => ({
        from: zonedToInstant(k.from, cal.timezone).getTime(),
        to: zonedToInstant(k.to, cal.timezone).getTime(),
        reason: k.reason,
      })),
      holidaysByYear: new Map(),
    };
    compiled.set(cal, c);
  }
  return c;
}

/** Holiday names by 'YYYY-MM-DD' for one year: computed ones, then those the configuration adds. */
function holidaysOf(cal: Calendar, year: number): Map<string, string> {
  const c = compile(cal);
  let byDate = c.holidaysByYear.get(year);
  if (!byDate) {
    byDate = new Map();
    const { country, region, dates } = cal.holidays;
    const computed = country ? publicHolidays(country, year, region) : [];
    for (const h of [...computed, ...dates.filter((d) => d.date.startsWith(`${year}-`))]) {
      const known = byDate.get(h.date);
      byDate.set(h.date, known && known !== h.name ? `${known} / ${h.name}` : h.name);
    }
    c.holidaysByYear.set(year, byDate);
  }
  return byDate;
}

const hhmm = (l: LocalParts): string => `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
const dayKey = (weekday: number): Weekday => WEEKDAYS[weekday - 1] as Weekday;

function stateAt(cal: Calendar, t: number, local: LocalParts): State {
  const closure = compile(cal).closures.find((k) => k.from <= t && t < k.to);
  if (closure) return { open: false, reason: 'closure', detail: closure.reason };
  const holiday = holidaysOf(cal, local.year).get(formatDate(local.year, local.month, local.day));
  if (holiday !== undefined) return { open: false, reason: 'holiday', detail: holiday };
  const now = hhmm(local);
  const open = cal.weekly[dayKey(local.weekday)].some(([start, end]) => start <= now && now < end);
  return open ? { open: true, reason: 'open' } : { open: false, reason: 'outside-hours' };
}

const instantsOf = (date: string, hhmm: string, tz: string): number[] =>
  zonedToInstants(`${date}T${hhmm}`, tz).map((d) => d.getTime()); // twice when clocks go back

/**
 * Every instant in (at, until] where the state may change, in order, a local day at a time so
 * that the search stops as soon as it finds a flip: midnights (holidays), range starts and ends,
 * closure edges, and offset changes (when clocks go back, the repeated hour can reopen a range).
 */
function* boundaries(cal: Calendar, at: number, until: number, today: LocalParts): Generator<number> {
  const tz = cal.timezone;
  const extra = [
    ...compile(cal).closures.flatMap((k) => [k.from, k.to]),
    ...offsetChanges(new Date(at), new Date(until), tz).map((d) => d.getTime()),
  ];
  let d = { year: today.year, month: today.month, day: today.day };
  let date = formatDate(d.year, d.month, d.day);
  let midnights = instantsOf(date, '00:00', tz);
  let from = at;
  while (from < until) {
    const next = addDays(d.year, d.month, d.day, 1);
    const nextDate = formatDate(next.year, next.month, next.day);
    const nextMidnights = instantsOf(nextDate, '00:00', tz);
    const dayEnd = Math.min(...nextMidnights, until + 1);
    const found = [...midnights, ...extra];
    for (const [start, end] of cal.weekly[dayKey(isoWeekday(d.year, d.month, d.day))]) {
      found.push(...instantsOf(date, start, tz));
      if (end !== '24:00') found.push(...instantsOf(date, end, tz)); // else the next midnight
    }
    yield* [...new Set(found)].filter((t) => t > from && t < dayEnd).sort((a, b) => a - b);
    [d, date, midnights, from] = [next, nextDate, nextMidnights, dayEnd - 1];
  }
}

/** Whether the calendar's line is open at `at`, without looking for the next change. */
export function isOpen(cal: Calendar, at: Date): boolean {
  return stateAt(cal, at.getTime(), localParts(at, cal.timezone)).open;
}

/** Whether the calendar's line is open at `at`, why, and when that next flips. */
export function evaluateCalendar(cal: Calendar, at: Date): CalendarDecision {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('evaluateCalendar: invalid date');
  const local = localParts(at, cal.timezone);
  const state = stateAt(cal, t, local);
  const decision: CalendarDecision = { ...state, localTime: `${formatLocal(local)} ${cal.timezone}` };
  const until = t + NEXT_CHANGE_HORIZON_MS;
  for (const b of boundaries(cal, t, until, local)) {
    if (stateAt(cal, b, localParts(new Date(b), cal.timezone)).open !== state.open) {
      decision.nextChange = new Date(b);
      break;
    }
  }
  return decision;
}
