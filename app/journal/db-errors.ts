// Which database errors are worth running the same work again: the connection was lost or timed
// out, or the transaction lost a lock conflict (it was rolled back, and nothing is wrong with its
// data). Everything else is about the data and fails the same way every time.
import { ConnectionError, TimeoutError } from 'sequelize';

/**
 * A deadlock (1213), a lock wait time-out (1205), or (MariaDB 11.6 and later, with
 * innodb_snapshot_isolation) a row changed since the transaction's snapshot (1020).
 */
export function isLockConflict(err: unknown): boolean {
  const errno = (err as { parent?: { errno?: unknown } } | null)?.parent?.errno;
  return errno === 1213 || errno === 1205 || errno === 1020;
}

/** True when the same work may succeed if simply run again (see the header). */
export function isTransientDbError(err: unknown): boolean {
  return err instanceof ConnectionError || err instanceof TimeoutError || isLockConflict(err);
}
