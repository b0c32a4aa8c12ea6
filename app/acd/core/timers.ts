// The core's timers: at most one per (kind, id), kept in a binary min-heap ordered by (time, kind
// rank, id), so timers due at the same instant fire in an order that does not depend on the order
// they were set in (a restored core fires them exactly as the original would have). Clearing or
// moving a timer leaves its old heap entry behind; entries are checked against the live table when
// they reach the top, and the heap is rebuilt when stale entries outnumber live ones.

/** Same-instant order: agents leave wrap-up first, then ring time-outs, overflows, callback retries, announcements. */
export const TIMER_KINDS = ['wrap', 'ring', 'overflow', 'retry', 'announce'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export interface Due { kind: TimerKind; id: string; at: number }

interface Entry { at: number; rank: number; id: string; gen: number }

const before = (a: Entry, b: Entry): boolean => a.at !== b.at ? a.at < b.at : a.rank !== b.rank ? a.rank < b.rank : a.id < b.id;

export class Timers {
  private readonly live = new Map<string, { at: number; gen: number }>();
  private heap: Entry[] = [];
  private gen = 0;

  private static key(rank: number, id: string): string {
    return `${rank}:${id}`;
  }

  /** Arms (or moves) the (kind, id) timer; the same time again changes nothing. */
  set(kind: TimerKind, id: string, at: number): void {
    const rank = TIMER_KINDS.indexOf(kind);
    const key = Timers.key(rank, id);
    if (this.live.get(key)?.at === at) return;
    const gen = ++this.gen;
    this.live.set(key, { at, gen });
    this.push({ at, rank, id, gen });
    if (this.heap.length > 64 && this.heap.length > 2 * this.live.size) this.compact();
  }

  clear(kind: TimerKind, id: string): void {
    this.live.delete(Timers.key(TIMER_KINDS.indexOf(kind), id));
  }

  get(kind: TimerKind, id: string): number | undefined {
    return this.live.get(Timers.key(TIMER_KINDS.indexOf(kind), id))?.at;
  }

  get size(): number {
    return this.live.size;
  }

  /** The earliest armed timer, or null. */
  next(): number | null {
    this.dropStale();
    return this.heap[0]?.at ?? null;
  }

  /** Removes and returns the earliest timer due at or before `now`, or null. */
  pop(now: number): Due | null {
    this.dropStale();
    const top = this.heap[0];
    if (!top || top.at > now) return null;
    this.removeTop();
    this.live.delete(Timers.key(top.rank, top.id));
    return { kind: TIMER_KINDS[top.rank] as TimerKind, id: top.id, at: top.at };
  }

  private isStale(e: Entry): boolean {
    return this.live.get(Timers.key(e.rank, e.id))?.gen !== e.gen;
  }

  private dropStale(): void {
    while (this.heap[0] && this.isStale(this.heap[0])) this.removeTop();
  }

  private compact(): void {
    const entries = this.heap.filter((e) => !this.isStale(e));
    this.heap = [];
    for (const e of entries) this.push(e);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Entry;
      if (!before(e, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as Entry, h[l] as Entry) ? r : l;
      if (!before(h[c] as Entry, last)) break;
      h[i] = h[c] as Entry;
      i = c;
    }
    h[i] = last;
  }
}
