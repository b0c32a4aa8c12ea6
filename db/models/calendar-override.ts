// A line forced open or closed for a while, over its calendar. Cancelled, never deleted.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Tenant } from './tenant.js';

export type OverrideMode = 'open' | 'closed';

export class CalendarOverride extends Model<InferAttributes<CalendarOverride>, InferCreationAttributes<CalendarOverride>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']>;
  /** The calendar's id in the tenant's configuration. */
  declare calendar: string;
  declare mode: OverrideMode;
  declare startsAt: Date;
  declare endsAt: Date;
  declare reason: string;
  /** The API token or the user who made it. */
  declare createdByTokenId: number | null;
  declare createdByUserId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare cancelledAt: CreationOptional<Date | null>;
}

/** Binds a fresh subclass of CalendarOverride to this Sequelize instance (see models/index.ts). */
export function defineCalendarOverride(sequelize: Sequelize): typeof CalendarOverride {
  const M = class extends CalendarOverride {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      calendar: { type: DataTypes.STRING(32), allowNull: false },
      mode: { type: DataTypes.ENUM('open', 'closed'), allowNull: false },
      startsAt: { type: DataTypes.DATE(3), allowNull: false },
      endsAt: { type: DataTypes.DATE(3), allowNull: false },
      reason: { type: DataTypes.STRING(200), allowNull: false },
      createdByTokenId: { type: DataTypes.INTEGER, allowNull: true },
      createdByUserId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      cancelledAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { sequelize, modelName: 'CalendarOverride', tableName: 'calendar_overrides', underscored: true, updatedAt: false },
  );
  return M;
}
