// The wall clock (a signal ticking every second, for live durations and countdowns) and the
// time zone every time is shown in: the tenant's (panel.timezone, else user.timezone).
import { computed, signal } from '@preact/signals';
import { utcOffsetMinutes } from '../../../app/panel/utc-offset';

export const now = signal(Date.now());
/** The clock to the minute: what only changes once a minute ("today or not") reads this. */
export const minute = computed(() => Math.floor(now.value / 60_000) * 60_000);
let ticking: ReturnType<typeof setInterval> | undefined;

export function startClock(): void {
  if (ticking !== undefined) return;
  // Aligned on the second so every duration on screen changes at the same moment.
  const tick = () => { now.value = Date.now(); };
  setTimeout(() => { tick(); ticking = setInterval(tick, 1000); }, 1000 - (Date.now() % 1000));
}

export const timezone = signal('Europe/Paris');
/** The zone's offset now as the server knows it (null until told). */
export const serverOffset = signal<number | null>(null);

/**
 * The zone to format with: the tenant's, unless this browser's time-zone data disagrees with the
 * server on its offset now (old or wrong data), then a fixed zone at the server's offset.
 */
export function displayZone(zone: string, offset: number | null, at: Date = new Date()): string {
  if (offset === null || utcOffsetMinutes(zone, at) === offset || offset % 60 !== 0) return zone;
  const hours = offset / 60;
  return hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/** What every time on screen is formatted in (see displayZone). */
export const shownZone = computed(() => displayZone(timezone.value, serverOffset.value));

/** Whole seconds from an ISO instant to now (never negative), or null. */
export function secondsSince(iso: string | null, at: number = now.value): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((at - t) / 1000));
}

/** Whole seconds from now to an ISO instant (never negative), or null. */
export function secondsUntil(iso: string | null, at: number = now.value): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, Math.ceil((t - at) / 1000));
}
