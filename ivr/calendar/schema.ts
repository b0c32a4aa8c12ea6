// A tenant line's calendar, as written in JSON configuration: a time zone, weekly opening hours
// in local time, public holidays (computed for a country, plus dates given by hand) and
// exceptional closures. Every problem is reported as "<field path>: <what is wrong>".
import { z } from 'zod';
import { isKnownTimeZone } from './zoned.js';

export const TIME_ZONES = ['Europe/Paris', 'Africa/Casablanca'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T((?:[01]\d|2[0-3]):[0-5]\d)$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, mo - 1, d));
  return mo >= 1 && mo <= 12 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1970;
}

const time = z.string().regex(TIME, { error: (iss) => `must be a time HH:MM from 00:00 to 24:00, got ${JSON.stringify(iss.input)}` });

const range = z.tuple([time, time]).superRefine(([start, end], ctx) => {
  if (start === '24:00') ctx.addIssue({ code: 'custom', path: [0], message: '24:00 can only end a range, not start one' });
  else if (start >= end) ctx.addIssue({ code: 'custom', message: `range ${start}-${end}: the start must be before the end` });
});

const dayRanges = z.array(range, { error: 'must be a list of ["HH:MM","HH:MM"] ranges (an empty list: closed all day)' })
  .superRefine((ranges, ctx) => {
    for (let i = 1; i < ranges.length; i++) {
      const [ps, pe] = ranges[i - 1] as [string, string];
      const [s, e] = ranges[i] as [string, string];
      if (s < pe && ps < e) {
        ctx.addIssue({ code: 'custom', path: [i], message: `range ${s}-${e} overlaps the range ${ps}-${pe} before it` });
      } else if (s < ps) {
        ctx.addIssue({ code: 'custom', path: [i], message: `range ${s}-${e} comes after ${ps}-${pe}: ranges must be sorted by start time` });
      }
    }
  });

const weekly = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges])) as Record<Weekday, typeof dayRanges>,
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown day(s) ${iss.keys.join(', ')}: use ${WEEKDAYS.join(', ')}` : 'must be an object with the days mon..sun') },
);

const holidayDate = z.strictObject({
  date: z.string().refine(isRealDate, { error: (iss) => `must be a real date YYYY-MM-DD, got ${JSON.stringify(iss.input)}` }),
  name: z.string().trim().min(1, 'must name the holiday'),
});

const holidays = z.strictObject({
  country: z.enum(['FR', 'MA'], { error: 'must be "FR", "MA" or null (no computed holidays)' }).nullable(),
  region: z.literal('alsace-moselle', { error: 'the only region is "alsace-moselle"' }).optional(),
  dates: z.array(holidayDate).default([]),
}).superRefine((h, ctx) => {
  if (h.region !== undefined && h.country !== 'FR') {
    ctx.addIssue({ code: 'custom', path: ['region'], message: `"${h.region}" is a region of France, but country is ${JSON.stringify(h.country)}` });
  }
});

const localDateTime = z.string().refine((s) => {
  const m = LOCAL_DATE_TIME.exec(s);
  return m !== null && isRealDate(m[1] ?? '');
}, { error: (iss) => `must be a local date-time YYYY-MM-DDTHH:MM, got ${JSON.stringify(iss.input)}` });

const closure = z.strictObject({
  from: localDateTime,
  to: localDateTime,
  reason: z.string().trim().min(1, 'must say why the line is closed'),
}).superRefine((c, ctx) => {
  if (c.from >= c.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be after from (${c.from}), got ${c.to}` });
});

export const CalendarSchema = z.strictObject({
  /** What the calendar is for, free text. */
  name: z.string().optional(),
  /** Where the dates come from (e.g. expected Islamic holiday dates to be confirmed each year). */
  source: z.string().optional(),
  timezone: z.enum(TIME_ZONES, {
    error: (iss) => `unknown time zone ${JSON.stringify(iss.input)}: must be one of ${TIME_ZONES.join(', ')}`,
  }).refine(isKnownTimeZone, { error: (iss) => `time zone ${JSON.stringify(iss.input)} is not known to this runtime's Intl (tz database)` }),
  weekly,
  holidays: holidays.prefault({ country: null }),
  closures: z.array(closure).default([]),
});

export type Calendar = z.infer<typeof CalendarSchema>;
export type CalendarInput = z.input<typeof CalendarSchema>;

/** 'weekly.mon[1][0]' from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

/** One line per problem: "<field path>: <what is wrong>". */
export function calendarIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

export class CalendarConfigError extends Error {
  constructor(readonly issues: string[], where = 'calendar') {
    super(`invalid ${where}:\n  ${issues.join('\n  ')}`);
    this.name = 'CalendarConfigError';
  }
}

/** Validates a calendar; throws CalendarConfigError listing every problem. */
export function parseCalendar(input: unknown, where?: string): Calendar {
  const result = CalendarSchema.safeParse(input);
  if (!result.success) throw new CalendarConfigError(calendarIssues(result.error), where);
  return result.data;
}
