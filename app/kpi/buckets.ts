// Report buckets (day, hour, half-hour) on the tenant's wall clock. Offsets come from the tz
// database through Intl (ivr/calendar/zoned.ts), never from a fixed offset or the process's zone:
// a Paris day is 23 h or 25 h when the clocks change, Casablanca moves to UTC+0 for Ramadan, and
// the repeated hour of an autumn night makes two hour buckets (labelled with their offsets).
import { formatDate, isKnownTimeZone, localParts, offsetMs, zonedToInstant } from '../../ivr/calendar/zoned.js';

export type BucketKind = 'total' | 'day' | 'hour' | 'half-hour';

export interface Bucket {
  start: Date;
  end: Date;
  /** `total`: '<from>/<to>'; day: 'YYYY-MM-DD'; hour, half-hour: 'YYYY-MM-DDTHH:MM+HH:MM' (local time). */
  label: string;
}

const MINUTE = 60_000;
const SLOT = 15 * MINUTE;
const DAY = 86_400_000;
const UNIT: Record<'hour' | 'half-hour', number> = { hour: 60 * MINUTE, 'half-hour': 30 * MINUTE };

const mod = (a: number, n: number): number => ((a % n) + n) % n;
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Buckets of one kind in one zone over one period [from, to). Offsets are cached per 15-minute
 * slot when the offset is the same at both ends of the slot, so a month of calls costs a few
 * thousand Intl calls, not one per call. Hour and half-hour bounds assume offsets change by whole
 * half-hours (true of every zone the appliance serves).
 */
export class Bucketer {
  private readonly slotOffsets = new Map<number, number>();
  private readonly dayStarts = new Map<number, number>();

  constructor(readonly kind: BucketKind, readonly timezone: string, readonly from: Date, readonly to: Date) {
    if (!isKnownTimeZone(timezone)) throw new RangeError(`unknown time zone '${timezone}'`);
    if (!(from.getTime() < to.getTime())) throw new RangeError('the period must have from < to');
  }

  /** True when the instant lies in the period [from, to). */
  covers(at: Date): boolean {
    return at.getTime() >= this.from.getTime() && at.getTime() < this.to.getTime();
  }

  /** The zone's offset at an instant, in ms (east positive). */
  offset(ms: number): number {
    const slot = Math.floor(ms / SLOT);
    let off = this.slotOffsets.get(slot);
    if (off === undefined) {
      const a = offsetMs(new Date(slot * SLOT), this.timezone);
      if (a !== offsetMs(new Date(slot * SLOT + SLOT - 1), this.timezone)) return offsetMs(new Date(ms), this.timezone);
      this.slotOffsets.set(slot, (off = a));
    }
    return off;
  }

  /** Start (ms) of the bucket holding an instant. */
  startOf(ms: number): number {
    if (this.kind === 'total') return this.from.getTime();
    if (this.kind !== 'day') return ms - mod(ms + this.offset(ms), UNIT[this.kind]);
    const dayNumber = Math.floor((ms + this.offset(ms)) / DAY);
    let start = this.dayStarts.get(dayNumber);
    if (start === undefined) {
      const d = new Date(dayNumber * DAY);
      start = zonedToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, this.timezone).getTime();
      this.dayStarts.set(dayNumber, start);
    }
    return start;
  }

  /** End (ms, exclusive) of the bucket starting at `start`: the next bucket's start. */
  endOf(start: number): number {
    if (this.kind === 'total') return this.to.getTime();
    if (this.kind !== 'day') return start + UNIT[this.kind];
    // The next local midnight lies 23 to 25 hours on; noon of the next day is safely inside it.
    return this.startOf(start + 36 * 60 * MINUTE);
  }

  bucket(start: number): Bucket {
    return { start: new Date(start), end: new Date(this.endOf(start)), label: this.label(start) };
  }

  /** The whole period [from, to) as one bucket, labelled as a `total` bucket is. */
  period(): Bucket {
    const from = this.from.getTime();
    return { start: this.from, end: this.to, label: `${this.local(from)}/${this.local(this.to.getTime())}` };
  }

  /** Every bucket overlapping [from, to), in order. */
  all(): Bucket[] {
    const out: Bucket[] = [];
    for (let s = this.startOf(this.from.getTime()); s < this.to.getTime(); s = this.endOf(s)) out.push(this.bucket(s));
    return out;
  }

  label(start: number): string {
    if (this.kind === 'total') return this.period().label;
    const p = localParts(new Date(start), this.timezone);
    return this.kind === 'day' ? formatDate(p.year, p.month, p.day) : this.local(start);
  }

  /** 'YYYY-MM-DDTHH:MM+HH:MM' on the zone's wall clock. */
  private local(ms: number): string {
    const p = localParts(new Date(ms), this.timezone);
    const off = this.offset(ms) / MINUTE;
    const sign = off < 0 ? '-' : '+';
    return `${formatDate(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  }
}
