// What the journal (and the KPI sums it keeps) needs of each pooled MariaDB connection, set once
// per connection rather than once per transaction: the session's isolation level is READ
// COMMITTED, so a transaction opened without an isolation level runs at READ COMMITTED with no
// `SET TRANSACTION` before it (Sequelize sends one before every transaction given a level). Why
// READ COMMITTED: see sql-store.ts. It is set when a connection is first taken from the pool
// (afterPoolAcquire), so connections opened before the store was built are covered too; the
// pool is the app's, so every transaction of the app then runs at READ COMMITTED (the others
// take their locks first and then read: that is what they need).
// And a count of the statements of chosen transactions (the journal's cost per batch, for the
// metrics and the tests), from Sequelize's query hooks.
import { ConnectionError, type Sequelize, type Transaction } from 'sequelize';

export const READ_COMMITTED_SESSION = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';

interface RawConnection {
  query(sql: string): Promise<unknown>;
}

/** Connections whose session is set up, and instances whose pool sets them up. */
const readyConnections = new WeakSet<object>();
const setUpPools = new WeakSet<Sequelize>();

/** Makes every connection of this instance's pool READ COMMITTED from its first use on (idempotent). */
export function readCommittedSessions(sequelize: Sequelize): void {
  if (setUpPools.has(sequelize)) return;
  setUpPools.add(sequelize);
  sequelize.addHook('afterPoolAcquire', async (connection: unknown) => {
    if (typeof connection !== 'object' || connection === null || readyConnections.has(connection)) return;
    try {
      await (connection as RawConnection).query(READ_COMMITTED_SESSION);
    } catch (err) {
      // As a lost connection (transient: the journal writes the batch again), not the data's fault.
      throw new ConnectionError(err instanceof Error ? err : new Error(String(err)));
    }
    readyConnections.add(connection);
  });
}

/** One counter (one hook) per instance, whatever the number of stores on it. */
const counters = new WeakMap<Sequelize, StatementCounter>();

/** Counts the statements each registered transaction sends (its START TRANSACTION and COMMIT included). */
export class StatementCounter {
  private readonly counts = new WeakMap<Transaction, number>();

  static of(sequelize: Sequelize): StatementCounter {
    let counter = counters.get(sequelize);
    if (!counter) counters.set(sequelize, (counter = new StatementCounter(sequelize)));
    return counter;
  }

  private constructor(sequelize: Sequelize) {
    sequelize.addHook('beforeQuery', (options: { transaction?: Transaction | null }) => {
      const t = options.transaction;
      const n = t ? this.counts.get(t) : undefined;
      if (t && n !== undefined) this.counts.set(t, n + 1);
    });
  }

  /** From now on (call it as the transaction's work starts: its START TRANSACTION is then 1). */
  track(transaction: Transaction): void {
    this.counts.set(transaction, 1);
  }

  count(transaction: Transaction): number {
    return this.counts.get(transaction) ?? 0;
  }
}
