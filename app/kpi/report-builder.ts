// A tenant's whole KPI report over one period: rows per queue, per line, tenant-wide and per
// agent, each per bucket and over the whole period. Filled from classified calls (the event
// stream: the reference definition) or from stored slot sums (facts-report.ts); both give rows of
// the same types, built by the same code.
import { AgentKpiAccumulator } from './agents.js';
import type { CallClassification } from './classify.js';
import { KpiAccumulator, type AgentKpiRow, type KpiOptions, type KpiRow } from './compute.js';
import { classifyCall } from './classify.js';
import { ReasonAccumulator, wrapupReason, type CallReason, type ReasonHandleRow } from './reasons.js';
import { timelinePages } from './sql.js';
import type { Sequelize } from 'sequelize';

export type KpiReportOptions = Omit<KpiOptions, 'groupBy'>;

export interface KpiReport {
  /** Per queue visit, per bucket (see KpiOptions.groupBy for what each unit is). */
  queues: KpiRow[];
  /** Per call, on its line, per bucket. */
  lines: KpiRow[];
  /** Per call, the whole tenant, per bucket (every bucket, even empty). */
  tenant: KpiRow[];
  /** Per offer, per agent, per bucket. */
  agents: AgentKpiRow[];
  /** The same groups over the whole period (`tenant` has one row). */
  totals: { queues: KpiRow[]; lines: KpiRow[]; tenant: KpiRow[]; agents: AgentKpiRow[] };
  /** AHT per call reason (family, then nature) over the whole period (reasons.ts). */
  reasons: ReasonHandleRow[];
}

export class KpiReportBuilder {
  readonly queue: KpiAccumulator;
  readonly line: KpiAccumulator;
  readonly tenant: KpiAccumulator;
  readonly agent: AgentKpiAccumulator;
  readonly reasons: ReasonAccumulator;

  constructor(readonly options: KpiReportOptions) {
    this.queue = new KpiAccumulator({ ...options, groupBy: 'queue' });
    this.line = new KpiAccumulator({ ...options, groupBy: 'line' });
    this.tenant = new KpiAccumulator(options);
    this.agent = new AgentKpiAccumulator(options);
    this.reasons = new ReasonAccumulator(options);
  }

  /** A classified call, with the reason it was wrapped up with if any. */
  addClassified(c: CallClassification, reason?: CallReason): void {
    this.queue.addClassified(c);
    this.line.addClassified(c);
    this.tenant.addClassified(c);
    this.agent.addClassified(c);
    this.reasons.addClassified(c, reason);
  }

  build(): KpiReport {
    return {
      queues: this.queue.rows(), lines: this.line.rows(), tenant: this.tenant.rows(), agents: this.agent.rows(),
      totals: { queues: this.queue.totals(), lines: this.line.totals(), tenant: this.tenant.totals(), agents: this.agent.totals() },
      reasons: this.reasons.rows(),
    };
  }
}

/**
 * The report computed from every event of the tenant's calls (sql.ts, page by page): exact,
 * calls in progress included, and the reference the stored facts are checked against; it
 * classifies every call, so it costs seconds per hundred thousand calls.
 */
export async function reportFromEvents(sequelize: Sequelize, tenant: string, options: KpiReportOptions, pageSize?: number): Promise<KpiReport> {
  const builder = new KpiReportBuilder(options);
  for await (const page of timelinePages(sequelize, { tenant, from: options.from, to: options.to, pageSize })) {
    for (const t of page) builder.addClassified(classifyCall(t), wrapupReason(t.events));
  }
  return builder.build();
}
