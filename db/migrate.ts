// Schema migrations with umzug: timestamped files in ./migrations, one change each, each with a
// down. Works from the TypeScript sources (tsx) and from the compiled build (node dist/...):
// the folder is found next to this module, and a migration's name drops its extension, so a
// database migrated from one is up to date for the other.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationFn, type MigrationParams } from 'umzug';

export interface MigrationContext {
  queryInterface: QueryInterface;
  sequelize: Sequelize;
}
export type Migration = MigrationFn<MigrationContext>;

/** Options every createTable gets, so no table depends on the server's defaults. */
export const TABLE_OPTIONS = { engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' } as const;
/** Column type of app-generated UUIDs: ASCII keeps the keys and indexes on them small. */
export const UUID_COLUMN = 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
export const STORAGE_TABLE = 'schema_migrations';

export type MigrationLog = (message: string) => void;

interface MigrationModule {
  up: Migration;
  down: Migration;
}

function isMigrationModule(m: unknown): m is MigrationModule {
  const o = m as Partial<Record<'up' | 'down', unknown>> | null;
  return typeof o?.up === 'function' && typeof o.down === 'function';
}

/** Loads with import() whatever the file is (.ts under tsx, .js once built). */
function resolveMigration({ path: file }: MigrationParams<MigrationContext>) {
  if (!file) throw new Error('a migration without a file');
  const name = path.basename(file).replace(/\.(js|ts)$/, '');
  const load = async (): Promise<MigrationModule> => {
    const mod: unknown = await import(pathToFileURL(file).href);
    if (!isMigrationModule(mod)) throw new Error(`migration ${name} must export both up and down`);
    return mod;
  };
  return {
    name,
    path: file,
    up: async (p: MigrationParams<MigrationContext>) => (await load()).up(p),
    down: async (p: MigrationParams<MigrationContext>) => (await load()).down(p),
  };
}

export function createMigrator(sequelize: Sequelize, log?: MigrationLog): Umzug<MigrationContext> {
  const say = (level: string) => (m: Record<string, unknown>) => log?.(`${level}: ${JSON.stringify(m)}`);
  return new Umzug<MigrationContext>({
    migrations: {
      glob: ['*.{js,ts}', { cwd: MIGRATIONS_DIR, ignore: ['*.d.ts', '*.test.*'] }],
      resolve: resolveMigration,
    },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: STORAGE_TABLE, modelName: 'SchemaMigration', columnType: 'VARCHAR(190)' }),
    logger: log ? { info: say('info'), warn: say('warn'), error: say('error'), debug: say('debug') } : undefined,
  });
}

/** Applies every pending migration; returns the names applied. */
export async function migrateUp(sequelize: Sequelize, log?: MigrationLog): Promise<string[]> {
  const done = await createMigrator(sequelize, log).up();
  return done.map((m) => m.name);
}

/** Reverts the last migration, or down to and including `to` (0: all of them). */
export async function migrateDown(sequelize: Sequelize, opts: { to?: 0 | string } = {}, log?: MigrationLog): Promise<string[]> {
  const migrator = createMigrator(sequelize, log);
  const done = opts.to === undefined ? await migrator.down() : await migrator.down({ to: opts.to });
  return done.map((m) => m.name);
}
