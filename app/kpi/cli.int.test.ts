// `cli.js kpi rebuild` on a real MariaDB: calls journalled before their summaries were written
// (a back-fill) get them, the reports from the sums then equal the event-stream reports, running
// it again changes nothing, and an unknown tenant is refused.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes, type Sequelize } from 'sequelize';
import { runKpiCommand } from './cli.js';
import { createKpiDb, TENANTS, type KpiDb } from './test-db.js';
import { bothReports, slotsTable } from './test-reports.js';
import { randomCalls } from './test-support.js';

const test = anyTest as TestFn<{ kdb: KpiDb }>;

test.before(async (t) => {
  t.context.kdb = await createKpiDb();
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

const FROM = '2026-10-23T00:00:00+02:00', TO = '2026-10-28T00:00:00+01:00';

async function run(sequelize: Sequelize, args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const status = await runKpiCommand(args, (work) => work(sequelize), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

test.serial('given calls journalled without summaries, when "kpi rebuild" runs over their period, then the sums count them exactly, and running it again changes nothing', async (t) => {
  const { kdb } = t.context;
  const { timelines } = randomCalls(77, 120, { from: Date.parse(FROM), to: Date.parse(TO), ids: { tenant: 'habitat', did: TENANTS.habitat.did }, callId: randomUUID });
  await kdb.write(timelines);
  const [before] = await kdb.db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM call_facts', { type: QueryTypes.SELECT });
  t.is(Number(before?.n), 0);

  const first = await run(kdb.db.sequelize, ['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', TO]);
  t.is(first.status, 0, first.err.join('\n'));
  t.regex(first.out.join('\n'), /^kpi rebuild habitat 2026-10-22T22:00:00.000Z to 2026-10-27T23:00:00.000Z: 120 calls, \d+ facts, sums recomputed from 2026-10-2\d.* to 2026-10-2\d.*$/);
  for (const bucket of ['day', 'hour'] as const) {
    const { facts, events, units } = await bothReports(kdb, 'habitat', { from: new Date(FROM), to: new Date(TO), bucket });
    t.deepEqual(facts, events, bucket);
    t.true(units > 100);
  }
  const sums = await slotsTable(kdb);
  const again = await run(kdb.db.sequelize, ['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', TO]);
  t.is(again.status, 0);
  t.deepEqual(await slotsTable(kdb), sums);
});

test.serial('given a period with no calls, when rebuilt, then it says so and succeeds', async (t) => {
  const { status, out } = await run(t.context.kdb.db.sequelize, ['rebuild', '--tenant', 'energie', '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z']);
  t.is(status, 0);
  t.deepEqual(out, ['kpi rebuild energie 2020-01-01T00:00:00.000Z to 2020-01-02T00:00:00.000Z: 0 calls, 0 facts']);
});

test.serial('given an unknown tenant, when rebuilt, then it exits 65 naming it', async (t) => {
  const { status, out, err } = await run(t.context.kdb.db.sequelize, ['rebuild', '--tenant', 'nobody', '--from', FROM, '--to', TO]);
  t.is(status, 65);
  t.deepEqual(out, []);
  t.deepEqual(err, ['kpi: unknown tenant "nobody"']);
});
