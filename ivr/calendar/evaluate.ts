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

/** Every instant in (at, at + horizon] where the state may change: the only places to look. */
function boundaries(cal: Calendar, at: number, until: number, today: LocalParts): number[] {
  const tz = cal.timezone;
  const out: number[] = [];
  for (let i = 0; i <= 15; i++) {
    const d = addDays(today.year, today.month, today.day, i);
    const date = formatDate(d.year, d.month, d.day);
    // A local time read twice (clocks going back) is a boundary both times.
    const push = (hhmm: string): void => { for (const t of zonedToInstants(`${date}T${hhmm}`, tz)) out.push(t.getTime()); };
    push('00:00'); // holidays start and end at midnight
    for (const [start, end] of cal.weekly[dayKey(isoWeekday(d.year, d.month, d.day))]) {
      push(start);
      if (end !== '24:00') push(end); // else the next midnight
    }
  }
  for (const k of compile(cal).closures) out.push(k.from, k.to);
  // When clocks go back, the repeated hour can reopen a range that had just ended.
  for (const t of offsetChanges(new Date(at), new Date(until), tz)) out.push(t.getTime());
  return [...new Set(out)].filter((t) => t > at && t <= until).sort((a, b) => a - b);
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
