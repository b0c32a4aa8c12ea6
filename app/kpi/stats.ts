// Small accumulators shared by the queue, line and agent reports.

/** A ratio in [0, 1], or null when nothing was counted in its denominator. */
export type Ratio = number | null;

export function ratio(numerator: number, denominator: number): Ratio {
  return denominator > 0 ? numerator / denominator : null;
}

/** Sum, count and maximum of durations in ms; the mean is rounded to the ms. */
export class DurationStat {
  sum = 0;
  count = 0;
  max: number | null = null;

  add(ms: number | null): void {
    if (ms === null) return;
    this.sum += ms;
    this.count += 1;
    this.max = this.max === null ? ms : Math.max(this.max, ms);
  }

  get mean(): number | null {
    return this.count > 0 ? Math.round(this.sum / this.count) : null;
  }
}

/** Cells keyed by group, then by bucket start (ms). */
export class Grid<C> {
  readonly groups = new Map<string | null, Map<number, C>>();

  constructor(private readonly make: () => C) {}

  cell(group: string | null, start: number): C {
    let byStart = this.groups.get(group);
    if (!byStart) this.groups.set(group, (byStart = new Map<number, C>()));
    let c = byStart.get(start);
    if (!c) byStart.set(start, (c = this.make()));
    return c;
  }

  /** Groups in order (null first), each with every bucket start given, filled or fresh. */
  *each(starts: readonly number[], always: readonly (string | null)[] = []): Generator<[string | null, number, C]> {
    const names = [...new Set([...always, ...this.groups.keys()])].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
    for (const g of names) for (const s of starts) yield [g, s, this.groups.get(g)?.get(s) ?? this.make()];
  }
}
