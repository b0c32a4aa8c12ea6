// The two ways the KPI stores talk SQL: a statement run for its effect, and a SELECT's rows.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export class SqlRunner {
  constructor(protected readonly sequelize: Sequelize) {}

  protected async run(sql: string, replacements: unknown[], transaction: Transaction): Promise<void> {
    await this.sequelize.query(sql, { ...(replacements.length > 0 ? { replacements } : {}), transaction });
  }

  protected select<T extends object>(sql: string, replacements: unknown[], transaction?: Transaction): Promise<T[]> {
    return this.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction: transaction ?? null });
  }
}
