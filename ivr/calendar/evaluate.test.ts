import test from 'ava';
import { fileURLToPath } from 'node:url';
import { evaluateCalendar, isOpen, NEXT_CHANGE_HORIZON_MS } from './evaluate.js';
import { loadCalendarFile } from './load.js';
import { parseCalendar, type Calendar } from './schema.js';

const demo = (name: string): Promise<Calendar> =>
  loadCalendarFile(fileURLToPath(new URL(`../../appliance/demo/calendars/${name}`, import.meta.url)));
const utc = (s: string): Date => new Date(`${s}Z`);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();

const habitat = demo('habitat.json');
const commercial = demo('energie-commercial.json');

test('given Friday 16:29 in Paris, when evaluated, then the line is open until 16:30', async (t) => {
  const d = evaluateCalendar(await habitat, utc('2026-11-20T15:29:00'));
  t.like(d, { open: true, reason: 'open', localTime: '2026-11-20T16:29 Europe/Paris' });
  t.is(iso(d.nextChange), '2026-11-20T15:30:00.000Z');
  t.true(evaluateCalendar(await habitat, utc('2026-11-20T15:29:59.999')).open);
});

test('given Friday 16:30 and 16:31 in Paris, when evaluated, then it is closed until Monday 08:30 local', async (t) => {
  for (const at of ['2026-11-20T15:30:00', '2026-11-20T15:31:00']) {
    const d = evaluateCalendar(await habitat, utc(at));
    t.like(d, { open: false, reason: 'outside-hours' }, at);
    t.is(d.detail, undefined);
    t.is(iso(d.nextChange), '2026-11-23T07:30:00.000Z', at); // Monday 08:30 at UTC+1
  }
});

test('given the weekend of the spring change, when evaluated on Friday evening, then Monday 08:30 is 06:30 UTC', async (t) => {
  const d = evaluateCalendar(await habitat, utc('2026-03-27T15:31:00')); // Friday 16:31 at UTC+1
  t.false(d.open);
  t.is(iso(d.nextChange), '2026-03-30T06:30:00.000Z'); // Monday 08:30 at UTC+2
  t.like(evaluateCalendar(await habitat, utc('2026-03-30T06:30:00')), { open: true, localTime: '2026-03-30T08:30 Europe/Paris' });
});

test('given the weekend of the autumn change, when evaluated on Friday evening, then Monday 08:30 is 07:30 UTC', async (t) => {
  const d = evaluateCalendar(await habitat, utc('2026-10-23T14:31:00')); // Friday 16:31 at UTC+2
  t.like(d, { open: false, localTime: '2026-10-23T16:31 Europe/Paris' });
  t.is(iso(d.nextChange), '2026-10-26T07:30:00.000Z'); // Monday 08:30 at UTC+1
});

test('given hours inside the DST gap and the overlap, when evaluated, then the wall clock decides', (t) => {
  const sunday = (ranges: [string, string][]): Calendar => parseCalendar({
    timezone: 'Europe/Paris',
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: ranges },
  });
  // Spring: 02:00-03:00 never happens; a range starting 02:30 opens at 03:00 local, 01:00 UTC.
  const spring = evaluateCalendar(sunday([['02:30', '05:00']]), utc('2026-03-29T00:59:00'));
  t.is(iso(spring.nextChange), '2026-03-29T01:00:00.000Z');
  // Autumn: 02:00-03:00 happens twice; a range ending 02:30 reopens when the clock goes back.
  const cal = sunday([['00:00', '02:30']]);
  const between = evaluateCalendar(cal, utc('2026-10-25T00:45:00')); // 02:45 CEST
  t.like(between, { open: false, localTime: '2026-10-25T02:45 Europe/Paris' });
  t.is(iso(between.nextChange), '2026-10-25T01:00:00.000Z'); // 02:00 CET, the second time
  t.true(evaluateCalendar(cal, utc('2026-10-25T01:15:00')).open);
  t.is(iso(evaluateCalendar(cal, utc('2026-10-25T01:15:00')).nextChange), '2026-10-25T01:30:00.000Z');
});

test('given Casablanca at UTC+0 in Ramadan and UTC+1 after, when evaluated at 08:00 local, then the commercial line opens on both', async (t) => {
  const cal = await commercial;
  const ramadan = evaluateCalendar(cal, utc('2026-03-02T07:59:00'));
  t.like(ramadan, { open: false, reason: 'outside-hours', localTime: '2026-03-02T07:59 Africa/Casablanca' });
  t.is(iso(ramadan.nextChange), '2026-03-02T08:00:00.000Z');
  t.like(evaluateCalendar(cal, utc('2026-03-02T08:00:00')), { open: true, localTime: '2026-03-02T08:00 Africa/Casablanca' });
  const after = evaluateCalendar(cal, utc('2026-03-23T06:59:00'));
  t.like(after, { open: false, localTime: '2026-03-23T07:59 Africa/Casablanca' });
  t.is(iso(after.nextChange), '2026-03-23T07:00:00.000Z');
  t.like(evaluateCalendar(cal, utc('2026-03-23T07:00:00')), { open: true, localTime: '2026-03-23T08:00 Africa/Casablanca' });
});

test('given Aïd al-Fitr from configuration before the clock change, when evaluated, then it is a holiday until Monday 08:00 at UTC+1', async (t) => {
  const d = evaluateCalendar(await commercial, utc('2026-03-20T10:00:00'));
  t.like(d, { open: false, reason: 'holiday', detail: 'Aïd al-Fitr (1er jour, date attendue)' });
  t.is(iso(d.nextChange), '2026-03-23T07:00:00.000Z');
});

test('given an Islamic holiday in configuration only, when evaluated, then the line is closed with its name', (t) => {
  const cal = parseCalendar({
    timezone: 'Africa/Casablanca',
    weekly: { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['08:00', '20:00']], thu: [], fri: [], sat: [], sun: [] },
    holidays: { country: null, dates: [{ date: '2026-05-27', name: 'Aïd al-Adha' }] },
  });
  t.like(evaluateCalendar(cal, utc('2026-05-27T09:00:00')), { open: false, reason: 'holiday', detail: 'Aïd al-Adha' });
  t.like(evaluateCalendar(cal, utc('2026-05-26T09:00:00')), { open: true });
});

test('given 14 July in Paris, when evaluated in opening hours, then it is closed for the Fête nationale', async (t) => {
  const d = evaluateCalendar(await habitat, utc('2026-07-14T08:00:00'));
  t.like(d, { open: false, reason: 'holiday', detail: 'Fête nationale', localTime: '2026-07-14T10:00 Europe/Paris' });
  t.is(iso(d.nextChange), '2026-07-15T06:30:00.000Z');
});

test('given Easter Monday 2027, when evaluated, then the computed holiday closes the line', async (t) => {
  t.like(evaluateCalendar(await habitat, utc('2027-03-29T08:00:00')), { open: false, reason: 'holiday', detail: 'Lundi de Pâques' });
});

test('given the Sainte-Catherine half day, when evaluated, then the morning is open and the afternoon a closure', async (t) => {
  const cal = await habitat;
  t.like(evaluateCalendar(cal, utc('2026-11-25T10:59:00')), { open: true, localTime: '2026-11-25T11:59 Europe/Paris' });
  t.like(evaluateCalendar(cal, utc('2026-11-25T11:00:00')), { open: false, reason: 'outside-hours' }); // 12:00: lunch
  const afternoon = evaluateCalendar(cal, utc('2026-11-25T12:31:00'));
  t.like(afternoon, { open: false, reason: 'closure', detail: 'Sainte-Catherine', localTime: '2026-11-25T13:31 Europe/Paris' });
  t.is(iso(afternoon.nextChange), '2026-11-26T07:30:00.000Z');
});

test('given the company day, when evaluated, then the whole day is a closure', async (t) => {
  const d = evaluateCalendar(await habitat, utc('2026-12-11T09:00:00'));
  t.like(d, { open: false, reason: 'closure', detail: "Journée annuelle d'entreprise" });
  t.is(iso(d.nextChange), '2026-12-14T07:30:00.000Z');
  t.is(iso(evaluateCalendar(await habitat, utc('2026-12-10T16:00:00')).nextChange), '2026-12-10T16:30:00.000Z');
});

test('given a closure on a holiday, when evaluated, then the closure wins', (t) => {
  const cal = parseCalendar({
    timezone: 'Europe/Paris',
    weekly: { mon: [], tue: [['08:30', '17:30']], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: { country: 'FR', dates: [] },
    closures: [{ from: '2026-07-14T09:00', to: '2026-07-14T11:00', reason: 'Maintenance' }],
  });
  t.like(evaluateCalendar(cal, utc('2026-07-14T08:00:00')), { reason: 'closure', detail: 'Maintenance' });
  t.like(evaluateCalendar(cal, utc('2026-07-14T09:00:00')), { reason: 'holiday', detail: 'Fête nationale' });
});

test('given the 24/7 technical line, when evaluated across the Ramadan clock change, then it is open with no next change', async (t) => {
  const cal = await demo('energie-24x7.json');
  for (const at of ['2026-03-22T01:59:00', '2026-03-22T02:00:00', '2026-07-30T12:00:00']) {
    const d = evaluateCalendar(cal, utc(at));
    t.like(d, { open: true, reason: 'open' }, at);
    t.is(d.nextChange, undefined, at);
  }
});

test('given a line closed for longer than 14 days, when evaluated, then there is no next change', (t) => {
  const cal = parseCalendar({
    timezone: 'Europe/Paris',
    weekly: { mon: [['08:30', '12:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    closures: [{ from: '2026-08-01T00:00', to: '2026-09-01T00:00', reason: 'Fermeture estivale' }],
  });
  t.is(evaluateCalendar(cal, utc('2026-08-03T08:00:00')).nextChange, undefined);
  t.is(iso(evaluateCalendar(cal, utc('2026-08-25T08:00:00')).nextChange), '2026-09-07T06:30:00.000Z'); // the closure ends at midnight on Tuesday 1st
});

test('given instants around both clock changes, when nextChange is compared with a minute-by-minute scan, then they agree', async (t) => {
  const MIN = 60_000;
  const cases: [Calendar, string, string][] = [
    [await habitat, '2026-03-26T00:00:00', '2026-04-02T00:00:00'],
    [await habitat, '2026-10-22T00:00:00', '2026-10-29T00:00:00'],
    [await commercial, '2026-03-18T00:00:00', '2026-03-25T00:00:00'],
  ];
  for (const [cal, from, to] of cases) {
    for (let at = utc(from).getTime(); at < utc(to).getTime(); at += 317 * MIN) {
      const d = evaluateCalendar(cal, new Date(at));
      t.is(isOpen(cal, new Date(at)), d.open);
      const change = d.nextChange?.getTime() ?? at + NEXT_CHANGE_HORIZON_MS;
      let minute = Math.ceil((at + 1) / MIN) * MIN;
      while (minute < change && isOpen(cal, new Date(minute)) === d.open) minute += MIN;
      t.is(minute, change, `${new Date(at).toISOString()} in ${cal.timezone}`);
      if (d.nextChange) t.is(isOpen(cal, d.nextChange), !d.open);
    }
  }
});
