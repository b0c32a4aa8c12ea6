// The one place that knows how we talk to MariaDB. Everything else receives the Sequelize
// instance it returns (nothing reaches for a global connection).
import { Sequelize } from 'sequelize';

export interface DbConnectionOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Receives every SQL statement; omit to stay quiet. */
  logging?: (sql: string) => void;
  /** Pool size; the default suits one app process. */
  poolMax?: number;
}

/**
 * A Sequelize instance on the mariadb driver. Times are stored and read in UTC (the session
 * time zone is forced to +00:00, so DATETIME(3) values never shift with the host's zone), and
 * JSON columns come back parsed (MariaDB's extended type metadata + the driver's autoJsonMap).
 */
export function createSequelize(opts: DbConnectionOptions): Sequelize {
  const logging = opts.logging;
  return new Sequelize(opts.database, opts.user, opts.password, {
    dialect: 'mariadb',
    host: opts.host,
    port: opts.port,
    timezone: '+00:00',
    logging: logging ? (sql: string) => logging(sql) : false,
    benchmark: false,
    dialectOptions: {
      autoJsonMap: true,
      connectTimeout: 10_000,
    },
    pool: { max: opts.poolMax ?? 10, min: 0, acquire: 30_000, idle: 10_000, evict: 1_000 },
    define: {
      underscored: true,
      freezeTableName: true,
      charset: 'utf8mb4',
      collate: 'utf8mb4_unicode_ci',
      engine: 'InnoDB',
    },
  });
}

/**
 * A Date as a DATETIME(3) literal in UTC, for raw queries. Needed because Sequelize escapes a
 * Date in `replacements` in the host's local zone, not in the `timezone` above (models and
 * `where` clauses are fine); pass `utcDateTime(d)` instead of `d`.
 */
export function utcDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid date');
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
