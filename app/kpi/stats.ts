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

  /** Adds another stat's durations (sums, counts and maxima merge exactly). */
  merge(o: Readonly<DurationStat>): void {
    this.sum += o.sum;
    this.count += o.count;
    if (o.max !== null) this.max = this.max === null ? o.max : Math.max(this.max, o.max);
  }

  /** A stat from stored aggregates (SQL SUM, COUNT, MAX). */
  static of(sum: number, count: number, max: number | null): DurationStat {
    return Object.assign(new DurationStat(), { sum, count, max: count > 0 ? max : null });
  }
}

/** A cell of counters that can absorb another of its kind (same bucket, or the whole period). */
export interface Mergeable<C> {
  merge(other: C): void;
}

/** Cells keyed by group, then by bucket start (ms). */
export class Grid<C extends Mergeable<C>> {
  readonly groups = new Map<string | null, Map<number, C>>();

  constructor(private readonly make: () => C) {}

  cell(group: string | null, start: number): C {
    let byStart = this.groups.get(group);
    if (!byStart) this.groups.set(group, (byStart = new Map<number, C>()));
    let c = byStart.get(start);
    if (!c) byStart.set(start, (c = this.make()));
    return c;
  }

  /** Groups in order (null first), each with every bucket start given: its cell, or one shared empty cell (not to be changed). */
  *each(starts: readonly number[], always: readonly (string | null)[] = []): Generator<[string | null, number, C]> {
    const empty = this.make();
    for (const g of this.names(always)) for (const s of starts) yield [g, s, this.groups.get(g)?.get(s) ?? empty];
  }

  /** Groups in order (null first), each with all its cells merged into one. */
  *totals(always: readonly (string | null)[] = []): Generator<[string | null, C]> {
    for (const g of this.names(always)) {
      const total = this.make();
      for (const c of this.groups.get(g)?.values() ?? []) total.merge(c);
      yield [g, total];
    }
  }

  private names(always: readonly (string | null)[]): (string | null)[] {
    return [...new Set([...always, ...this.groups.keys()])].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  }
}
