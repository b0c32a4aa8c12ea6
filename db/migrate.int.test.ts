// Migrations against a real MariaDB: all up, all down, each down the exact reverse of its up,
// and the compiled build (node dist/...) finding the same migrations as the sources.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import anyTest, { type TestFn } from 'ava';
import { createMigrator, migrateDown, migrateUp, STORAGE_TABLE } from './migrate.js';
import { createScratchDb, listTables, schemaSnapshot, type ScratchDb } from './test-support.js';

const test = anyTest as TestFn<{ db: ScratchDb }>;
const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const TABLES = ['agent_events', 'agents', 'api_tokens', 'audit_events', 'calendar_overrides', 'call_events', 'call_facts', 'call_wrapups', 'calls', 'kpi_day_zones', 'kpi_days', 'kpi_slots', 'lines', 'numbers', 'prompt_versions', 'recordings', 'sites', 'tenants', 'user_recovery_codes', 'user_sessions', 'users'];
/** One migration per file in db/migrations/ (not one per table: a later one may add a column). */
const MIGRATIONS = (await readdir(new URL('./migrations/', import.meta.url))).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).length;
/** The schema after the first full run; later tests compare with it (tests run in order). */
let fullSchema: Record<string, string> = {};

test.before(async (t) => {
  t.context.db = await createScratchDb();
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

test.serial('given an empty database, when all migrations run up, then every table exists', async (t) => {
  const { sequelize } = t.context.db;
  const files = (await readdir(path.join(repo, 'db/migrations'))).filter((f) => f.endsWith('.ts')).sort();

  const applied = await migrateUp(sequelize);

  t.deepEqual(applied, files.map((f) => f.replace(/\.ts$/, '')));
  t.deepEqual(await listTables(sequelize), [...TABLES, STORAGE_TABLE].sort());
  t.deepEqual(await migrateUp(sequelize), [], 'a second run has nothing to do');
  fullSchema = await schemaSnapshot(sequelize);
  t.deepEqual(Object.keys(fullSchema), TABLES);
});

test.serial('given a migrated database, when it goes down to 0, then only the storage table remains', async (t) => {
  const { sequelize } = t.context.db;

  const reverted = await migrateDown(sequelize, { to: 0 });

  t.is(reverted.length, MIGRATIONS);
  t.deepEqual(await listTables(sequelize), [STORAGE_TABLE]);
  t.deepEqual(await createMigrator(sequelize).executed(), []);
});

test.serial('given each migration in turn, when it goes up then down, then the schema is exactly as before', async (t) => {
  const { sequelize } = t.context.db;
  const migrator = createMigrator(sequelize);
  const names = (await migrator.pending()).map((m) => m.name);
  t.true(names.length > 0);

  for (const name of names) {
    const before = await schemaSnapshot(sequelize);
    await migrator.up({ step: 1 });
    const after = await schemaSnapshot(sequelize);
    t.notDeepEqual(after, before, `${name} changes the schema`);

    await migrator.down({ step: 1 });
    t.deepEqual(await schemaSnapshot(sequelize), before, `${name}: down reverses up`);

    await migrator.up({ step: 1 });
    t.deepEqual(await schemaSnapshot(sequelize), after, `${name}: up again gives the same schema`);
  }
  t.deepEqual(await schemaSnapshot(sequelize), fullSchema, 'same schema as the first full run');
});

test.serial('given the compiled build, when node runs its migrator, then it finds the same migrations', async (t) => {
  const { db } = t.context;
  const out = await mkdtemp(path.join(tmpdir(), 'ccapp-build-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const migrations = (await readdir(path.join(repo, 'db/migrations'))).map((f) => `db/migrations/${f}`);
  // Given: db/ compiled the way the app's build does it (NodeNext, source maps beside the .js).
  await run(process.execPath, [
    path.join(repo, 'node_modules/typescript/bin/tsc'), '--outDir', out, '--rootDir', repo,
    '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2023', '--skipLibCheck',
    '--esModuleInterop', '--sourceMap', 'db/migrate.ts', 'db/connection.ts', ...migrations,
  ], { cwd: repo });
  await writeFile(path.join(out, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(repo, 'node_modules'), path.join(out, 'node_modules'));
  const script = `
    import { createSequelize } from './db/connection.js';
    import { createMigrator, migrateDown, migrateUp } from './db/migrate.js';
    const s = createSequelize(JSON.parse(process.env.DB));
    const m = createMigrator(s);
    const executed = (await m.executed()).map((x) => x.name);
    const pending = (await m.pending()).map((x) => x.name);
    const down = await migrateDown(s, { to: 0 });
    const up = await migrateUp(s);
    await s.close();
    console.log(JSON.stringify({ executed, pending, down, up }));`;

  // When: plain node (no tsx) runs the compiled migrator on the database the sources migrated.
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: out, env: { PATH: process.env.PATH, DB: JSON.stringify({ ...db.server, database: db.name }) },
  });

  // Then: the names match (no .ts/.js in them), and the compiled migrations go down and up.
  const result = JSON.parse(stdout) as Record<'executed' | 'pending' | 'down' | 'up', string[]>;
  const sourceNames = (await createMigrator(db.sequelize).executed()).map((m) => m.name);
  t.is(sourceNames.length, MIGRATIONS);
  t.deepEqual(result.executed, sourceNames);
  t.deepEqual(result.pending, []);
  t.deepEqual(result.down, [...sourceNames].reverse());
  t.deepEqual(result.up, sourceNames);
  t.deepEqual(await schemaSnapshot(db.sequelize), fullSchema);
});
