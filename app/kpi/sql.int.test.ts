// sql.ts against a real MariaDB: calls and events written through the journal's SQL store come
// back as the very timelines that were written, page by page (calls that share a start instant
// across a page edge included), never another tenant's; and the KPIs computed from them equal
// compute.ts on the in-memory timelines, in Paris and Casablanca, across their clock changes.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { sortEvents } from './classify.js';
import { computeKpis, type KpiOptions } from './compute.js';
import { loadCallTimeline, loadTimelines, timelinePages } from './sql.js';
import { createKpiDb, TENANTS, type KpiDb, type TenantSlug } from './test-db.js';
import { call, randomCalls } from './test-support.js';
import type { CallTimeline } from './types.js';

const test = anyTest as TestFn<{ kdb: KpiDb; written: CallTimeline[] }>;

/** Four windows of five days, each across a clock change of its tenant's zone. */
const WINDOWS: { tenant: TenantSlug; from: string; to: string }[] = [
  { tenant: 'habitat', from: '2026-03-27T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
  { tenant: 'habitat', from: '2026-10-23T00:00:00+02:00', to: '2026-10-28T00:00:00+01:00' },
  { tenant: 'energie', from: '2026-02-13T00:00:00+01:00', to: '2026-02-18T00:00:00+00:00' },
  { tenant: 'energie', from: '2026-03-20T00:00:00+00:00', to: '2026-03-25T00:00:00+01:00' },
];
/** Calls of both tenants that all start at the same millisecond. */
const SAME_START = '2026-03-30T07:00:00.000Z';

const ids = (tenant: TenantSlug) => ({ tenant, did: TENANTS[tenant].did });

test.before(async (t) => {
  process.env.TZ = 'America/New_York'; // the host's zone must change nothing
  const kdb = await createKpiDb();
  const written: CallTimeline[] = [];
  WINDOWS.forEach((w, i) => {
    written.push(...randomCalls(100 + i, 120, { from: Date.parse(w.from), to: Date.parse(w.to), ids: ids(w.tenant), callId: randomUUID }).timelines);
  });
  for (const tenant of ['habitat', 'energie'] as const) {
    for (let i = 0; i < 7; i++) {
      written.push(call({ ...ids(tenant), callId: randomUUID(), line: 'technique' }).arrive(SAME_START).ivr(2_000 + i).enqueue('technique').answer('a1', 1_000 * i).hangup(60_000).build());
    }
  }
  await kdb.write(written);
  Object.assign(t.context, { kdb, written });
});
test.after.always(async (t) => {
  await t.context.kdb?.db.drop();
});

const startOf = (tl: CallTimeline): number => Math.min(...tl.events.map((e) => e.at.getTime()));

/** What sql.ts must return: the tenant's calls started in [from - 4 h, to), by (start, id), events by (at, seq). */
function expected(written: readonly CallTimeline[], tenant: string, from: Date, to: Date): CallTimeline[] {
  return written
    .filter((tl) => tl.tenant === tenant && startOf(tl) >= from.getTime() - 4 * 3_600_000 && startOf(tl) < to.getTime())
    .sort((a, b) => startOf(a) - startOf(b) || (a.callId < b.callId ? -1 : 1))
    .map((tl) => ({ ...tl, events: sortEvents(tl.events) }));
}

test('given calls of two tenants, when read page by page at several page sizes, then exactly the tenant\'s calls come back, each whole and once', async (t) => {
  const { kdb, written } = t.context;
  const from = new Date('2026-03-30T00:00:00+02:00'), to = new Date('2026-03-31T00:00:00+02:00');
  const want = expected(written, 'habitat', from, to);
  t.true(want.filter((tl) => startOf(tl) === Date.parse(SAME_START)).length === 7, 'seven habitat calls share a start instant');
  for (const pageSize of [1, 2, 3, 5, 1_000]) {
    const pages: CallTimeline[][] = [];
    for await (const page of timelinePages(kdb.db.sequelize, { tenant: 'habitat', from, to, pageSize })) pages.push(page);
    t.true(pages.every((p) => p.length <= pageSize), `pages of at most ${pageSize}`);
    t.deepEqual(pages.flat(), want, `page size ${pageSize}`);
  }
});

test('given one call, when loaded alone, then its timeline is the one written; an unknown call is undefined', async (t) => {
  const { kdb, written } = t.context;
  const one = written[5];
  if (!one) return t.fail('no call written');
  t.deepEqual(await loadCallTimeline(kdb.db.sequelize, one.callId), { ...one, events: sortEvents(one.events) });
  t.is(await loadCallTimeline(kdb.db.sequelize, randomUUID()), undefined);
});

for (const w of WINDOWS) {
  test(`given ${w.tenant}'s calls from ${w.from} to ${w.to}, when the KPIs are computed from SQL, then they equal compute.ts on the written timelines`, async (t) => {
    const { kdb, written } = t.context;
    const from = new Date(w.from), to = new Date(w.to);
    const fromSql = await loadTimelines(kdb.db.sequelize, { tenant: w.tenant, from, to, pageSize: 17 });
    t.deepEqual(fromSql, expected(written, w.tenant, from, to));
    const inMemory = written.filter((tl) => tl.tenant === w.tenant);
    let rows = 0;
    for (const bucket of ['day', 'hour', 'half-hour'] as const) {
      for (const groupBy of [undefined, 'queue', 'line', 'agent'] as const) {
        const options = { from, to, bucket, timezone: TENANTS[w.tenant].timezone, serviceLevelSeconds: 20, groupBy } as KpiOptions;
        const got = computeKpis(fromSql, options);
        t.deepEqual(got, computeKpis(inMemory, options), `${bucket} by ${groupBy ?? 'tenant'}`);
        rows += got.length;
      }
    }
    const [total] = computeKpis(fromSql, { from, to, bucket: 'total', timezone: TENANTS[w.tenant].timezone });
    t.true((total?.offered ?? 0) > 50 && rows > 1_000, 'the window has calls and many rows');
  });
}

test('given the other tenant\'s calls in the same instants, when one tenant is read, then none of the other\'s appear', async (t) => {
  const { kdb, written } = t.context;
  const from = new Date('2026-02-01T00:00:00Z'), to = new Date('2026-11-01T00:00:00Z');
  for (const tenant of ['habitat', 'energie'] as const) {
    const got = await loadTimelines(kdb.db.sequelize, { tenant, from, to, pageSize: 50 });
    t.is(got.length, written.filter((tl) => tl.tenant === tenant).length, tenant);
    t.true(got.every((tl) => tl.tenant === tenant && written.find((w) => w.callId === tl.callId)?.tenant === tenant));
  }
});
