// Per-agent figures: every distribution attempt counts for the agent it was offered to, in the
// bucket of the offer; the talk and handle times are those of the calls the agent took.
import { Bucketer } from './buckets.js';
import { classifyCall, handleMs, talkMs, type CallClassification } from './classify.js';
import type { AgentKpiRow, KpiOptions } from './report.js';
import { DurationStat, Grid } from './stats.js';
import type { CallTimeline } from './types.js';

/** Counters of one agent in one bucket (or over the whole period). */
export class AgentCell {
  offered = 0;
  taken = 0;
  noAnswer = 0;
  readonly talk = new DurationStat();
  readonly handle = new DurationStat();

  merge(o: AgentCell): void {
    this.offered += o.offered; this.taken += o.taken; this.noAnswer += o.noAnswer;
    this.talk.merge(o.talk); this.handle.merge(o.handle);
  }

  row(agent: string, bucket: AgentKpiRow['bucket']): AgentKpiRow {
    return {
      agent, bucket, offered: this.offered, taken: this.taken, noAnswer: this.noAnswer,
      handled: this.handle.count, averageTalkMs: this.talk.mean, averageHandleMs: this.handle.mean, longestTalkMs: this.talk.max,
    };
  }
}

export class AgentKpiAccumulator {
  readonly bucketer: Bucketer;
  private readonly grid = new Grid(() => new AgentCell());

  constructor(readonly options: KpiOptions) {
    this.bucketer = new Bucketer(options.bucket, options.timezone, options.from, options.to);
  }

  add(timeline: CallTimeline): void {
    this.addClassified(classifyCall(timeline));
  }

  addClassified(c: CallClassification): void {
    for (const v of c.visits) {
      for (const a of v.attempts) {
        if (!this.bucketer.covers(a.offeredAt)) continue;
        const cell = this.grid.cell(a.agent, this.bucketer.startOf(a.offeredAt.getTime()));
        cell.offered += 1;
        if (a.result === 'no-answer') cell.noAnswer += 1;
        if (a.result !== 'answered') continue;
        cell.taken += 1;
        if (v.talk?.agent === a.agent) {
          cell.talk.add(talkMs(v.talk));
          cell.handle.add(handleMs(v.talk));
        }
      }
    }
  }

  /** Adds counters made elsewhere (stored per-call facts) for an agent at an instant of the period. */
  mergeCell(agent: string, at: number, cell: AgentCell): void {
    this.grid.cell(agent, this.bucketer.startOf(at)).merge(cell);
  }

  /** Every agent seen, over the whole period. */
  totals(): AgentKpiRow[] {
    const period = this.bucketer.period();
    return [...this.grid.totals()].flatMap(([agent, c]) => (agent === null ? [] : [c.row(agent, period)]));
  }

  /** Every agent seen, each with every bucket of the period. */
  rows(): AgentKpiRow[] {
    const buckets = this.bucketer.all();
    const byStart = new Map(buckets.map((b) => [b.start.getTime(), b]));
    const out: AgentKpiRow[] = [];
    for (const [agent, s, c] of this.grid.each([...byStart.keys()])) {
      if (agent !== null) out.push(c.row(agent, byStart.get(s) ?? this.bucketer.bucket(s)));
    }
    return out;
  }
}
