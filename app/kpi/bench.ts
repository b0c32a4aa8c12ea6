// Benchmark (a script, not a test): the monthly KPI report over a million calls. Fills a scratch
// database with one tenant's month of calls and events (bench-data.ts), summarises every call from
// its events into call_facts, kpi_slots and kpi_days (the code the app runs a call at a time),
// computing the event-stream reference reports in the same pass, then times reports from the
// summaries: cold (a new connection pool, the report's first run) and warm, the month per day
// (the target: under 1 s) and finer or shorter ones, and checks each equals its reference.
//   source /tmp/dbdev/env.sh && npm run bench:kpi            (CCAPP_DB_* name the MariaDB server)
//   npm run bench:kpi -- --calls 100000 --runs 10 --keep     (--keep leaves the database for a look)
//   npm run bench:kpi -- --events                            (also times the report streamed from the events)
import { loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import mariadb from 'mariadb';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrateUp } from '../../db/migrate.js';
import { initModels } from '../../db/models/index.js';
import { createScratchDb } from '../../db/test-support.js';
import { BENCH_LINES, fillBenchCalls } from './bench-data.js';
import { KpiFactStore } from './fact-store.js';
import { reportFromFacts } from './facts-report.js';
import { KpiReportBuilder, reportFromEvents, type KpiReportOptions } from './report-builder.js';

const { values: args } = parseArgs({ options: {
  calls: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false },
  events: { type: 'boolean', default: false },
} });
const CALLS = Number(args.calls), RUNS = Number(args.runs);
if (!Number.isInteger(CALLS) || CALLS < 1000 || !Number.isInteger(RUNS) || RUNS < 1) throw new Error('--calls must be an integer >= 1000 and --runs >= 1');

const TIMEZONE = 'Europe/Paris';
// October 2026 in Paris: 31 days, one of them 25 hours long (the clocks go back on the 25th).
const MONTH = { from: new Date('2026-10-01T00:00:00+02:00'), to: new Date('2026-11-01T00:00:00+01:00') };
const period = (from: string, to: string, bucket: KpiReportOptions['bucket']): KpiReportOptions =>
  ({ from: new Date(from), to: new Date(to), bucket, timezone: TIMEZONE, serviceLevelSeconds: 20 });
/** The reports timed: the month per day first (the design target), then finer and shorter ones. */
const MONTH_PER_DAY: KpiReportOptions = { ...MONTH, bucket: 'day', timezone: TIMEZONE, serviceLevelSeconds: 20 };
const REPORTS: [string, KpiReportOptions][] = [
  ['month per day', MONTH_PER_DAY],
  ['month per day, off the quarter hours', period('2026-10-01T00:07:30+02:00', '2026-10-31T23:56:00+01:00', 'day')],
  ['week per hour', period('2026-10-05T00:00:00+02:00', '2026-10-12T00:00:00+02:00', 'hour')],
  ['day per half-hour', period('2026-10-05T00:00:00+02:00', '2026-10-06T00:00:00+02:00', 'half-hour')],
  ['month per hour', { ...MONTH, bucket: 'hour', timezone: TIMEZONE, serviceLevelSeconds: 20 }],
  ['month per half-hour', { ...MONTH, bucket: 'half-hour', timezone: TIMEZONE, serviceLevelSeconds: 20 }],
];

const started = Date.now();
const log = (m: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const seconds = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

async function tableSizes(sequelize: Sequelize): Promise<string> {
  const rows = await sequelize.query<{ name: string; rows: number; mb: number }>(
    `SELECT table_name AS name, table_rows AS \`rows\`, ROUND((data_length + index_length) / 1048576) AS mb
     FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('calls', 'call_events', 'call_facts', 'kpi_slots', 'kpi_days')`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => `${r.name} ~${Number(r.rows).toLocaleString('en')} rows, ${r.mb} MB`).join('; ');
}

const db = await createScratchDb();
const pools: Sequelize[] = [db.sequelize];
try {
  log(`scratch database ${db.name} on ${db.server.host}:${db.server.port}; ${CALLS.toLocaleString('en')} calls, ${TIMEZONE}, October 2026`);
  await migrateUp(db.sequelize);
  const m = initModels(db.sequelize);
  const tenant = await m.Tenant.create({ slug: 'bench', name: 'Bench', country: 'FR', timezone: TIMEZONE, languages: ['fr'] });
  const lineIds: Record<string, number> = {};
  for (const slug of Object.keys(BENCH_LINES)) lineIds[slug] = (await m.Line.create({ tenantId: tenant.id, slug, label: slug })).id;

  let t0 = performance.now();
  const connect = () => mariadb.createConnection({ ...db.server, database: db.name });
  const conns = [await connect(), await connect()] as const;
  try {
    await fillBenchCalls(conns, { tenantId: tenant.id, lineIds, ...MONTH, timezone: TIMEZONE, calls: CALLS, seed: 2026 }, log);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
  log(`filled in ${seconds(t0)}: ${await tableSizes(db.sequelize)}`);

  // Every call summarised from its events; the reference reports in the same pass.
  t0 = performance.now();
  const builders = REPORTS.map(([, o]) => new KpiReportBuilder(o));
  const rebuilt = await new KpiFactStore(db.sequelize).rebuild({ tenant: 'bench', ...MONTH, pageSize: 2_000 }, (c) => {
    for (const b of builders) b.addClassified(c);
  });
  const reference = builders.map((b) => b.build());
  log(`summarised ${rebuilt.calls.toLocaleString('en')} calls into ${rebuilt.facts.toLocaleString('en')} facts (and their slots and days) in ${seconds(t0)}: ${await tableSizes(db.sequelize)}`);

  // Cold: a new pool, the report's first run. Then warm runs.
  const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
  const results: string[] = [`(load average before: ${load()})`];
  let identical = true;
  for (const [i, [label, o]] of REPORTS.entries()) {
    const fresh = db.connect();
    pools.push(fresh);
    const [cold, coldMs] = await timed(() => reportFromFacts(fresh, tenant.id, o));
    const warm: number[] = [];
    for (let r = 0; r < RUNS; r++) warm.push((await timed(() => reportFromFacts(fresh, tenant.id, o)))[1]);
    const same = isDeepStrictEqual(cold, reference[i]);
    identical &&= same;
    results.push(`${label.padEnd(37)} cold ${ms(coldMs)}; warm (${RUNS} runs) p50 ${ms(percentile(warm, 50))}, max ${ms(Math.max(...warm))}; `
      + `${cold.queues.length + cold.lines.length + cold.tenant.length + cold.agents.length} rows; equal to the event-stream report: ${same ? 'yes' : 'NO'}`);
    log(results.at(-1) ?? '');
  }

  results.push(`(load average after: ${load()})`);
  let eventsLine = 'not timed (--events times it)';
  if (args.events) {
    t0 = performance.now();
    const fromEvents = await reportFromEvents(db.sequelize, 'bench', MONTH_PER_DAY, 2_000);
    eventsLine = `${seconds(t0)}, equal: ${isDeepStrictEqual(fromEvents, reference[0]) ? 'yes' : 'NO'}`;
    identical &&= isDeepStrictEqual(fromEvents, reference[0]);
    log(`the same monthly report streamed from every event (the reference path): ${eventsLine}`);
  }

  const [all] = reference[0]?.totals.tenant ?? [];
  console.log('\nKPI report benchmark (Node', process.version + ')');
  console.log(`  month: ${CALLS.toLocaleString('en')} calls, ${all?.offered.toLocaleString('en')} queued; ${await tableSizes(db.sequelize)}`);
  console.log(`  month figures: answered ${all?.answered}, service level (20 s) ${((all?.serviceLevel ?? 0) * 100).toFixed(1)} %, `
    + `QS1 ${((all?.qs1.rate ?? 0) * 100).toFixed(1)} %, QS2 ${((all?.qs2.rate ?? 0) * 100).toFixed(1)} %, AHT ${((all?.averageHandleMs ?? 0) / 1000).toFixed(1)} s`);
  for (const r of results) console.log(`  from summaries: ${r}`);
  console.log(`  from the events (the reference path), month per day: ${eventsLine}`);
  console.log(`  every report equal to the reference: ${identical ? 'yes' : 'NO'}`);
  if (!identical) process.exitCode = 1;
} finally {
  if (args.keep) {
    await Promise.all(pools.map((p) => p.close()));
    log(`kept database ${db.name}`);
  } else await db.drop();
}
