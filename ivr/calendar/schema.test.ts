import test from 'ava';
import { fileURLToPath } from 'node:url';
import { loadCalendarFile } from './load.js';
import { CalendarConfigError, CalendarSchema, calendarIssues, parseCalendar, type CalendarInput } from './schema.js';

const demo = (name: string): string => fileURLToPath(new URL(`../../appliance/demo/calendars/${name}`, import.meta.url));

const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const valid: CalendarInput = {
  timezone: 'Europe/Paris',
  weekly: { ...closedWeek, mon: [['08:30', '12:00'], ['13:30', '17:30']] },
  holidays: { country: 'FR', dates: [] },
  closures: [{ from: '2026-11-25T13:30', to: '2026-11-25T17:30', reason: 'Sainte-Catherine' }],
};

function issuesOf(input: unknown): string[] {
  const r = CalendarSchema.safeParse(input);
  return r.success ? [] : calendarIssues(r.error);
}

test('given the three demo calendars, when loaded, then each validates', async (t) => {
  for (const file of ['habitat.json', 'energie-commercial.json', 'energie-24x7.json']) {
    const cal = await loadCalendarFile(demo(file));
    t.truthy(cal.timezone, file);
  }
});

test('given a valid calendar, when parsed, then it comes back whole, with defaults for what is left out', (t) => {
  t.deepEqual(issuesOf(valid), []);
  const cal = parseCalendar({ timezone: 'Africa/Casablanca', weekly: closedWeek });
  t.deepEqual(cal.holidays, { country: null, dates: [] });
  t.deepEqual(cal.closures, []);
});

test('given overlapping ranges, when validated, then the message names the range and says they overlap', (t) => {
  const issues = issuesOf({ ...valid, weekly: { ...closedWeek, mon: [['08:30', '12:00'], ['11:00', '13:00']] } });
  t.deepEqual(issues, ['weekly.mon[1]: range 11:00-13:00 overlaps the range 08:30-12:00 before it']);
});

test('given unsorted, empty or back-to-front ranges, when validated, then each is named', (t) => {
  t.deepEqual(issuesOf({ ...valid, weekly: { ...closedWeek, tue: [['13:30', '17:30'], ['08:30', '12:00']] } }),
    ['weekly.tue[1]: range 08:30-12:00 comes after 13:30-17:30: ranges must be sorted by start time']);
  t.deepEqual(issuesOf({ ...valid, weekly: { ...closedWeek, wed: [['12:00', '08:30']] } }),
    ['weekly.wed[0]: range 12:00-08:30: the start must be before the end']);
  t.deepEqual(issuesOf({ ...valid, weekly: { ...closedWeek, thu: [['24:00', '24:00']] } }),
    ['weekly.thu[0][0]: 24:00 can only end a range, not start one']);
});

test('given 25:00, when validated, then the message names the field and shows the bad value', (t) => {
  t.deepEqual(issuesOf({ ...valid, weekly: { ...closedWeek, fri: [['08:30', '25:00']] } }),
    ['weekly.fri[0][1]: must be a time HH:MM from 00:00 to 24:00, got "25:00"']);
});

test('given a closure whose from is after its to, when validated, then closures[i].to is named', (t) => {
  t.deepEqual(issuesOf({ ...valid, closures: [{ from: '2026-11-25T17:30', to: '2026-11-25T13:30', reason: 'x' }] }),
    ['closures[0].to: must be after from (2026-11-25T17:30), got 2026-11-25T13:30']);
  t.deepEqual(issuesOf({ ...valid, closures: [{ from: '2026-02-30T08:00', to: '2026-03-01T08:00', reason: 'x' }] }),
    ['closures[0].from: must be a local date-time YYYY-MM-DDTHH:MM, got "2026-02-30T08:00"']);
});

test('given an unknown time zone, when validated, then timezone is named with the supported ones', (t) => {
  t.deepEqual(issuesOf({ ...valid, timezone: 'Europe/Pariss' }),
    ['timezone: unknown time zone "Europe/Pariss": must be one of Europe/Paris, Africa/Casablanca']);
});

test('given holiday mistakes, when validated, then each names its field', (t) => {
  t.deepEqual(issuesOf({ ...valid, holidays: { country: 'MA', region: 'alsace-moselle', dates: [] } }),
    ['holidays.region: "alsace-moselle" is a region of France, but country is "MA"']);
  t.deepEqual(issuesOf({ ...valid, holidays: { country: 'MA', dates: [{ date: '2026-13-01', name: '' }] } }), [
    'holidays.dates[0].date: must be a real date YYYY-MM-DD, got "2026-13-01"',
    'holidays.dates[0].name: must name the holiday',
  ]);
  t.deepEqual(issuesOf({ ...valid, holidays: { country: 'DE', dates: [] } }),
    ['holidays.country: must be "FR", "MA" or null (no computed holidays)']);
});

test('given a misspelt or missing day, when validated, then weekly names it', (t) => {
  const { mon: _mon, ...noMonday } = closedWeek;
  t.deepEqual(issuesOf({ ...valid, weekly: { ...noMonday, monday: [] } }), [
    'weekly.mon: must be a list of ["HH:MM","HH:MM"] ranges (an empty list: closed all day)',
    'weekly: unknown day(s) monday: use mon, tue, wed, thu, fri, sat, sun',
  ]);
});

test('given several problems, when parsed, then one error lists them all', (t) => {
  const err = t.throws(() => parseCalendar({ ...valid, timezone: 'UTC', closures: [{ from: 'x', to: 'y', reason: '' }] }, 'habitat.json'),
    { instanceOf: CalendarConfigError });
  t.is(err.issues.length, 4);
  t.regex(err.message, /^invalid habitat\.json:\n {2}timezone: /);
});
