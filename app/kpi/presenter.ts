// A KPI report as the API returns it: per group (queue, line, agent) its figures over the whole
// period and per bucket, and the same tenant-wide. Every figure keeps the name and definition it
// has in report.ts; a bucket is { start, end, label } with instants in UTC ISO 8601 and the label
// on the tenant's wall clock. Agents list only the buckets in which they were offered a call (a
// month per half-hour would otherwise be 1,488 rows per agent, nearly all empty).
import type { Bucket } from './buckets.js';
import type { AgentKpiRow, KpiRow } from './compute.js';
import type { KpiReport } from './report-builder.js';

export interface ReportQueryEcho {
  tenant: string;
  timezone: string;
  from: Date;
  to: Date;
  interval: string;
  serviceLevelSeconds: number;
  source: string;
  queue?: string;
}

const bucket = (b: Bucket) => ({ start: b.start.toISOString(), end: b.end.toISOString(), label: b.label });

function figures(row: KpiRow) {
  const { group: _group, bucket: b, ...rest } = row;
  return { ...bucket(b), ...rest };
}

function agentFigures(row: AgentKpiRow) {
  const { agent: _agent, bucket: b, ...rest } = row;
  return { ...bucket(b), ...rest };
}

/** Each group of `totals` (in their order) with its total and its buckets' figures. */
function groups<R>(rows: readonly R[], totals: readonly R[], name: (r: R) => string | null, present: (r: R) => object, keep: (r: R) => boolean = () => true) {
  const buckets = new Map<string | null, object[]>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const list = buckets.get(name(r)) ?? [];
    list.push(present(r));
    buckets.set(name(r), list);
  }
  return totals.map((total) => ({ name: name(total), total: present(total), buckets: buckets.get(name(total)) ?? [] }));
}

export function presentReport(report: KpiReport, q: ReportQueryEcho) {
  const { totals } = report;
  const onlyQueue = <R extends KpiRow>(rows: readonly R[]): R[] => (q.queue === undefined ? [...rows] : rows.filter((r) => r.group === q.queue));
  const [tenantTotal] = totals.tenant;
  return {
    tenant: q.tenant, timezone: q.timezone, from: q.from.toISOString(), to: q.to.toISOString(), interval: q.interval,
    serviceLevelSeconds: q.serviceLevelSeconds, source: q.source, ...(q.queue === undefined ? {} : { queue: q.queue }),
    tenantWide: { total: tenantTotal ? figures(tenantTotal) : null, buckets: report.tenant.map(figures) },
    queues: groups(onlyQueue(report.queues), onlyQueue(totals.queues), (r) => r.group, figures).map(({ name, ...g }) => ({ queue: name, ...g })),
    lines: groups(report.lines, totals.lines, (r) => r.group, figures).map(({ name, ...g }) => ({ line: name, ...g })),
    agents: groups(report.agents, totals.agents, (r) => r.agent, agentFigures, (r) => r.offered > 0).map(({ name, ...g }) => ({ agent: name, ...g })),
    /** AHT per call reason over the period: [{ family, calls, averageHandleMs, natures: [{ nature, calls, averageHandleMs }] }]. */
    callReasons: report.reasons,
  };
}
