// Is MariaDB answering? A bounded check, so /ready answers quickly even when the database hangs.
import type { Sequelize } from 'sequelize';

export function databaseCheck(sequelize: Sequelize, timeoutMs = 2000): () => Promise<boolean> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const query = sequelize.query('SELECT 1').then(() => true, () => false);
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
