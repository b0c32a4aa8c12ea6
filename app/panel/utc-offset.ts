// A time zone's offset from UTC at an instant, in minutes (Europe/Paris in winter: 60), as this
// process's ICU knows it. Sent with the zone to the browser, whose own time-zone data may be older
// or wrong (Debian's chromium 156 puts Africa/Casablanca at UTC+0 from late 2026 on): the web app
// formats times with the zone when both agree, else with the offset the server gave.
const formats = new Map<string, Intl.DateTimeFormat>();

export function utcOffsetMinutes(timeZone: string, at: Date = new Date()): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
