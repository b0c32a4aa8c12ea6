// For db/**/*.int.test.ts: a scratch database of its own per test file, on the MariaDB server
// named by CCAPP_DB_HOST / _PORT / _USER / _PASSWORD (the user has ALL on `ccapp\_test\_%`.*).
import { randomBytes } from 'node:crypto';
import mariadb from 'mariadb';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from './connection.js';

export interface DbServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function dbServerFromEnv(env: NodeJS.ProcessEnv = process.env): DbServer {
  const missing = ['CCAPP_DB_USER', 'CCAPP_DB_PASSWORD'].filter((k) => env[k] === undefined);
  if (missing.length > 0) throw new Error(`database tests need ${missing.join(' and ')} (and CCAPP_DB_HOST, CCAPP_DB_PORT)`);
  const port = Number(env.CCAPP_DB_PORT ?? 3306);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`CCAPP_DB_PORT is not a port: ${env.CCAPP_DB_PORT}`);
  return { host: env.CCAPP_DB_HOST ?? '127.0.0.1', port, user: env.CCAPP_DB_USER ?? '', password: env.CCAPP_DB_PASSWORD ?? '' };
}

export interface ScratchDb {
  name: string;
  server: DbServer;
  sequelize: Sequelize;
  /** Another connection to the same database (a restarted app, a second site's writer). */
  connect(): Sequelize;
  /** Closes every connection made here and drops the database. */
  drop(): Promise<void>;
}

async function admin(server: DbServer, sql: string): Promise<void> {
  const conn = await mariadb.createConnection({ ...server });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

export async function createScratchDb(server: DbServer = dbServerFromEnv()): Promise<ScratchDb> {
  const name = `ccapp_test_${randomBytes(6).toString('hex')}`;
  await admin(server, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const opened: Sequelize[] = [];
  const connect = (): Sequelize => {
    const s = createSequelize({ ...server, database: name, poolMax: 4 });
    opened.push(s);
    return s;
  };
  return {
    name,
    server,
    sequelize: connect(),
    connect,
    async drop() {
      await Promise.all(opened.map((s) => s.close()));
      await admin(server, `DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}

/** The database's tables, sorted. */
export async function listTables(sequelize: Sequelize): Promise<string[]> {
  const rows = await sequelize.query<{ name: string }>(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.name).sort();
}

/** SHOW CREATE TABLE of every table but the migrations' own, to compare schemas exactly. */
export async function schemaSnapshot(sequelize: Sequelize, skip: readonly string[] = ['schema_migrations']): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of await listTables(sequelize)) {
    if (skip.includes(table)) continue;
    const [row] = await sequelize.query<Record<string, string>>(`SHOW CREATE TABLE \`${table}\``, { type: QueryTypes.SELECT });
    // AUTO_INCREMENT=n moves with the data, not with the schema.
    snapshot[table] = (row?.['Create Table'] ?? '').replace(/ AUTO_INCREMENT=\d+/, '');
  }
  return snapshot;
}
