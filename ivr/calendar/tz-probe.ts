// Test support: evaluates fixed instants against the demo calendars and prints the results as
// JSON. tz-independence.test.ts runs it in child processes under several TZ values and compares.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluateCalendar } from './evaluate.js';
import { loadCalendarFile } from './load.js';
import { localParts, zonedToInstant } from './zoned.js';

export const PROBE_INSTANTS = [
  '2026-11-20T15:29:00Z', '2026-11-20T15:31:00Z', '2026-03-27T15:31:00Z', '2026-03-29T01:00:00Z',
  '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-07-14T08:00:00Z', '2026-11-25T12:31:00Z',
  '2026-03-02T07:59:00Z', '2026-03-23T06:59:00Z', '2026-03-20T10:00:00Z', '2026-12-31T23:30:00Z',
];

export async function probe(): Promise<unknown> {
  const dir = (f: string): string => fileURLToPath(new URL(`../../appliance/demo/calendars/${f}`, import.meta.url));
  const out: Record<string, unknown> = {};
  for (const file of ['habitat.json', 'energie-commercial.json', 'energie-24x7.json']) {
    const cal = await loadCalendarFile(dir(file));
    out[file] = PROBE_INSTANTS.map((s) => {
      const d = evaluateCalendar(cal, new Date(s));
      return { ...d, nextChange: d.nextChange?.toISOString(), parts: localParts(new Date(s), cal.timezone) };
    });
  }
  out.conversions = ['2026-03-29T02:30', '2026-10-25T02:30', '2026-03-02T10:00'].map((l) =>
    [zonedToInstant(l, 'Europe/Paris').toISOString(), zonedToInstant(l, 'Africa/Casablanca').toISOString()]);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    // The process's own zone, seen the way Date's local methods see it (minutes, west positive).
  const processOffset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
  process.stdout.write(`${JSON.stringify({ processOffset, result: await probe() })}\n`);
}
