// Times, dates and durations: always in the tenant's time zone, in the user's locale (fr-FR,
// ar-MA with Latin digits, en-GB). Durations are locale-neutral m:ss / h:mm:ss.
import type { Language } from '../api/types';
import { locale } from '../i18n/i18n';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lng: Language, timeZone: string, kind: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const id = `${lng}|${timeZone}|${kind}`;
  let f = cache.get(id);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = kind === 'time'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      f = new Intl.DateTimeFormat(locale(lng), { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale(lng), options); // an unknown zone: the browser's
    }
    cache.set(id, f);
  }
  return f;
}

export function formatTime(iso: string, lng: Language, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatter(lng, timeZone, 'time').format(d);
}

export function formatDateTime(iso: string, lng: Language, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatter(lng, timeZone, 'dateTime').format(d);
}

const dayKey = (d: Date, timeZone: string): string => {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    return d.toDateString();
  }
};

/** Whether an instant falls on the same calendar day as `now` in the zone. */
export function sameDay(iso: string, now: number, timeZone: string): boolean {
  const d = new Date(iso);
  return !Number.isNaN(d.getTime()) && dayKey(d, timeZone) === dayKey(new Date(now), timeZone);
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A secret or code in groups for reading aloud or typing: "JBSW Y3DP EHPK 3PXP". */
export function groups(text: string, size = 4): string {
  return (text.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}
