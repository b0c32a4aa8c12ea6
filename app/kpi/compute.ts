// KPIs per group and bucket, from call timelines. Pure and incremental: feed timelines one by
// one (pages streamed from SQL, see sql.ts) into an accumulator, then read the rows. Every
// definition is written on the row's fields, in report.ts.
import { AgentKpiAccumulator } from './agents.js';
import { Bucketer } from './buckets.js';
import { answeredWithin, classifyCall, handleMs, talkMs, type CallClassification, type Journey, type QueueVisit } from './classify.js';
import type { AgentKpiOptions, AgentKpiRow, CallKpiOptions, KpiOptions, KpiRow } from './report.js';
import { DurationStat, Grid, ratio } from './stats.js';
import type { CallTimeline } from './types.js';

export type { AgentKpiOptions, AgentKpiRow, CallKpiOptions, KpiOptions, KpiRow } from './report.js';

/** QS1's threshold, fixed by the landlord's tender: "inférieur à 40 secondes". */
export const QS1_WAIT_MS = 40_000;
/** The landlord's "décrochés avant 10 secondes". */
export const BEFORE_10S_MS = 10_000;
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

type Unit = Pick<QueueVisit | Journey, 'enteredAt' | 'outcome' | 'waitMs' | 'withoutWait' | 'talk'>;

/** Counters of one group in one bucket (or over the whole period): what a KpiRow is made from. */
export class KpiCell {
  offered = 0; answered = 0; within = 0; n40 = 0; before10s = 0; withoutWait = 0;
  inIvr = 0; immediate = 0; abandoned = 0; dropped = 0; overflowed = 0; callbacks = 0; inProgress = 0;
  readonly wait = new DurationStat();
  readonly answeredWait = new DurationStat();
  readonly talk = new DurationStat();
  readonly handle = new DurationStat();

  add(u: Unit, slSeconds: number): void {
    this.offered += 1;
    const o = u.outcome;
    if (o.kind === 'waiting' || u.waitMs === null) {
      this.inProgress += 1;
      return;
    }
    const wait = u.waitMs;
    this.wait.add(wait);
    switch (o.kind) {
      case 'answered':
        this.answered += 1;
        this.answeredWait.add(wait);
        if (answeredWithin(wait, slSeconds)) this.within += 1;
        if (wait < QS1_WAIT_MS) this.n40 += 1;
        if (wait < BEFORE_10S_MS) this.before10s += 1;
        if (u.withoutWait) this.withoutWait += 1;
        if (u.talk) {
          this.talk.add(talkMs(u.talk));
          this.handle.add(handleMs(u.talk));
        }
        break;
      case 'abandoned':
        if (o.immediate) this.immediate += 1;
        else this.abandoned += 1;
        break;
      case 'dropped': this.dropped += 1; break;
      case 'overflowed': this.overflowed += 1; break;
      case 'callback': this.callbacks += 1; break;
    }
  }

  merge(o: KpiCell): void {
    this.offered += o.offered; this.answered += o.answered; this.within += o.within; this.n40 += o.n40;
    this.before10s += o.before10s; this.withoutWait += o.withoutWait; this.inIvr += o.inIvr; this.immediate += o.immediate;
    this.abandoned += o.abandoned; this.dropped += o.dropped; this.overflowed += o.overflowed; this.callbacks += o.callbacks;
    this.inProgress += o.inProgress;
    this.wait.merge(o.wait); this.answeredWait.merge(o.answeredWait); this.talk.merge(o.talk); this.handle.merge(o.handle);
  }

  row(group: string | null, bucket: KpiRow['bucket']): KpiRow {
    const finished = this.offered - this.inProgress;
    const withWait = this.answered - this.withoutWait;
    return {
      group, bucket,
      offered: this.offered, answered: this.answered, answeredWithinThreshold: this.within,
      serviceLevel: ratio(this.within, finished),
      abandoned: { inIvr: this.inIvr, inQueueUnder5s: this.immediate, inQueue: this.abandoned },
      dropped: this.dropped, overflowed: this.overflowed, callbacks: this.callbacks, inProgress: this.inProgress,
      answeredWithoutWait: this.withoutWait, answeredWithWait: withWait,
      withoutWaitRate: ratio(this.withoutWait, this.answered), withWaitRate: ratio(withWait, this.answered),
      answeredBefore10s: this.before10s,
      averageWaitMs: this.answeredWait.mean, maxWaitMs: this.wait.max,
      averageTalkMs: this.talk.mean, averageHandleMs: this.handle.mean, longestTalkMs: this.talk.max,
      pickUpRate: ratio(this.answered, finished),
      abandonRate: ratio(this.immediate + this.abandoned, finished),
      qs1: { n40: this.n40, n: finished, rate: ratio(this.n40, finished) },
      qs2: { nr: this.answered, n: finished - this.immediate, rate: ratio(this.answered, finished - this.immediate) },
    };
  }
}

/** Queue, line or tenant-wide rows, fed one call at a time. */
export class KpiAccumulator {
  readonly bucketer: Bucketer;
  private readonly grid = new Grid(() => new KpiCell());
  private readonly slSeconds: number;

  constructor(readonly options: CallKpiOptions) {
    this.bucketer = new Bucketer(options.bucket, options.timezone, options.from, options.to);
    this.slSeconds = checkedSeconds(options.serviceLevelSeconds);
  }

  add(timeline: CallTimeline): void {
    this.addClassified(classifyCall(timeline));
  }

  addClassified(c: CallClassification): void {
    const b = this.bucketer;
    const cell = (group: string | null, at: Date): KpiCell | undefined =>
      b.covers(at) ? this.grid.cell(group, b.startOf(at.getTime())) : undefined;
    if (this.options.groupBy === 'queue') {
      for (const v of c.visits) cell(v.queue, v.enteredAt)?.add(v, this.slSeconds);
      return;
    }
    const group = this.options.groupBy === 'line' ? c.line : null;
    if (c.journey) cell(group, c.journey.enteredAt)?.add(c.journey, this.slSeconds);
    else if (c.ivrAbandon && c.arrivedAt) {
      const ivr = cell(group, c.arrivedAt);
      if (ivr) ivr.inIvr += 1;
    }
  }

  /** Adds counters made elsewhere (stored per-call facts) for a group at an instant of the period. */
  mergeCell(group: string | null, at: number, cell: KpiCell): void {
    this.grid.cell(group, this.bucketer.startOf(at)).merge(cell);
  }

  /** Every group seen, each with every bucket of the period (empty buckets as zeros). */
  rows(): KpiRow[] {
    const buckets = this.bucketer.all();
    const byStart = new Map(buckets.map((bk) => [bk.start.getTime(), bk]));
    const out: KpiRow[] = [];
    for (const [g, s, c] of this.grid.each([...byStart.keys()], this.always())) out.push(c.row(g, byStart.get(s) ?? this.bucketer.bucket(s)));
    return out;
  }

  /** The same groups over the whole period, one row each (what bucket `total` gives). */
  totals(): KpiRow[] {
    const period = this.bucketer.period();
    return [...this.grid.totals(this.always())].map(([g, c]) => c.row(g, period));
  }

  private always(): (string | null)[] {
    return this.options.groupBy ? [] : [null];
  }
}

export function checkedSeconds(s: number | undefined): number {
  const v = s ?? DEFAULT_SERVICE_LEVEL_SECONDS;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`serviceLevelSeconds must be a number >= 0, not ${String(s)}`);
  return v;
}

/** Rows per group and bucket over [from, to); see KpiOptions and KpiRow for every definition. */
export function computeKpis(timelines: Iterable<CallTimeline>, options: AgentKpiOptions): AgentKpiRow[];
export function computeKpis(timelines: Iterable<CallTimeline>, options: CallKpiOptions): KpiRow[];
export function computeKpis(timelines: Iterable<CallTimeline>, options: KpiOptions): KpiRow[] | AgentKpiRow[];
export function computeKpis(timelines: Iterable<CallTimeline>, options: KpiOptions): KpiRow[] | AgentKpiRow[] {
  const { groupBy } = options;
  const acc = groupBy === 'agent' ? new AgentKpiAccumulator(options) : new KpiAccumulator({ ...options, groupBy });
  for (const t of timelines) acc.add(t);
  return acc.rows();
}
