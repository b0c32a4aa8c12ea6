// Seeding the demo configuration (appliance/demo) into a real MariaDB: counts, idempotence,
// numbers leaving the configuration, DID uniqueness, and all-or-nothing on bad input.
import { readFile, readdir } from 'node:fs/promises';
import anyTest, { type TestFn } from 'ava';
import { QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import { SiteSchema, type Site } from '../pbx-config/schema/site.js';
import { TenantSchema, type Tenant } from '../pbx-config/schema/tenant.js';
import { migrateUp } from './migrate.js';
import { initModels } from './models/index.js';
import { seedFromConfig } from './seed.js';
import { createScratchDb, type ScratchDb } from './test-support.js';

const test = anyTest as TestFn<{ db: ScratchDb; site: Site; tenants: Tenant[] }>;
const demo = new URL('../appliance/demo/', import.meta.url);

async function readJson(url: URL): Promise<unknown> {
  return JSON.parse(await readFile(url, 'utf8')) as unknown;
}

/** Every seeded row, timestamps included, in a stable order. */
async function allRows(sequelize: Sequelize): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of ['sites', 'tenants', 'lines', 'numbers']) {
    rows[table] = await sequelize.query(`SELECT * FROM \`${table}\` ORDER BY id`, { type: QueryTypes.SELECT });
  }
  return rows;
}

const withoutNumber = (tenants: Tenant[], did: string): Tenant[] =>
  tenants.map((t) => ({ ...t, numbers: t.numbers.filter((n) => n.did !== did) }));

test.before(async (t) => {
  t.context.site = SiteSchema.parse(await readJson(new URL('site.json', demo)));
  const files = (await readdir(new URL('tenants/', demo))).filter((f) => f.endsWith('.json')).sort();
  t.context.tenants = await Promise.all(files.map(async (f) => TenantSchema.parse(await readJson(new URL(`tenants/${f}`, demo)))));
  t.context.db = await createScratchDb();
  await migrateUp(t.context.db.sequelize);
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

test.serial('given an empty database, when the demo config is seeded, then it holds 3 tenants, 5 lines, 5 numbers (the benchmark tenant among them)', async (t) => {
  const { db, site, tenants } = t.context;
  const m = initModels(db.sequelize);

  const counts = await seedFromConfig(db.sequelize, site, tenants);

  t.deepEqual(counts, {
    sites: { total: 1, created: 1, updated: 0 },
    tenants: { total: 3, created: 3, updated: 0 },
    lines: { total: 5, created: 5, updated: 0 },
    numbers: { total: 5, created: 5, updated: 0, deactivated: 0 },
  });
  t.is(await m.Site.count(), 1);
  t.is(await m.Tenant.count(), 3);
  t.is(await m.Line.count(), 5);
  t.is(await m.PhoneNumber.count({ where: { active: true } }), 5);
  const energie = await m.Tenant.findOne({ where: { slug: 'energie' }, include: [{ model: m.Line, as: 'lines' }] });
  t.deepEqual(energie?.languages, ['ar', 'fr', 'en']);
  t.deepEqual(energie?.lines?.map((l) => l.slug).sort(), ['commercial', 'entreprise', 'technique']);
  const habitatNumber = await m.PhoneNumber.findOne({ where: { did: '33170000001' }, include: [{ model: m.Line, as: 'line' }] });
  t.is(habitatNumber?.line?.label, 'Débordement technique et astreinte');
  t.is(habitatNumber?.active, true);
});

test.serial('given a seeded database, when the same config is seeded again, then no row changes', async (t) => {
  const { db, site, tenants } = t.context;
  const before = await allRows(db.sequelize);

  const counts = await seedFromConfig(db.sequelize, site, tenants);

  t.deepEqual(counts.tenants, { total: 3, created: 0, updated: 0 });
  t.deepEqual(counts.lines, { total: 5, created: 0, updated: 0 });
  t.deepEqual(counts.numbers, { total: 5, created: 0, updated: 0, deactivated: 0 });
  t.deepEqual(await allRows(db.sequelize), before);
});

test.serial('given a number removed from the config, when seeded, then it is kept but inactive until it returns', async (t) => {
  const { db, site, tenants } = t.context;
  const m = initModels(db.sequelize);

  const removed = await seedFromConfig(db.sequelize, site, withoutNumber(tenants, '212520000002'));

  t.is(removed.numbers.deactivated, 1);
  const number = await m.PhoneNumber.findOne({ where: { did: '212520000002' } });
  t.is(number?.active, false);
  t.is(await m.PhoneNumber.count({ where: { active: true } }), 4);

  const restored = await seedFromConfig(db.sequelize, site, tenants);

  t.is(restored.numbers.updated, 1);
  t.is((await m.PhoneNumber.findByPk(number?.id))?.active, true);
  t.is(await m.PhoneNumber.count({ where: { active: true } }), 5);
});

test.serial('given a stored DID, when another row with that DID is inserted, then the database refuses it', async (t) => {
  const { db } = t.context;
  const m = initModels(db.sequelize);
  const existing = await m.PhoneNumber.findOne({ where: { did: '33170000001' } });
  if (!existing) return t.fail('the demo DID is missing');

  // Raw SQL, so the refusal comes from the unique key and not from model code.
  const raw = db.sequelize.query(
    'INSERT INTO numbers (tenant_id, line_id, did, active, created_at, updated_at) VALUES (?, ?, ?, 1, NOW(3), NOW(3))',
    { replacements: [existing.tenantId, existing.lineId, existing.did] },
  );
  const error = await t.throwsAsync(raw);
  t.true(error instanceof UniqueConstraintError);
  await t.throwsAsync(m.PhoneNumber.create({ tenantId: existing.tenantId, lineId: existing.lineId, did: existing.did }), {
    instanceOf: UniqueConstraintError,
  });
  t.is(await m.PhoneNumber.count({ where: { did: existing.did } }), 1);
});

test.serial('given a config that fails half-way, when seeded, then nothing of it is written', async (t) => {
  const { db, site, tenants } = t.context;
  const before = await allRows(db.sequelize);
  const [first] = tenants;
  if (!first) return t.fail('no demo tenant');
  const broken: Tenant = { ...first, slug: 'broken', numbers: [{ did: '33170009999', line: 'no-such-line' }] };
  const stolen: Tenant = { ...first, slug: 'thief', numbers: [{ did: '33170000001', line: first.lines[0]?.id ?? '' }] };

  await t.throwsAsync(seedFromConfig(db.sequelize, { ...site, hostname: 'renamed' }, [...tenants, broken]), { message: /unknown line/ });
  await t.throwsAsync(seedFromConfig(db.sequelize, site, [...tenants, stolen]), { message: /already used by tenant/ });

  t.deepEqual(await allRows(db.sequelize), before);
});
