// A security event (append-only: the table's triggers refuse UPDATE and DELETE). Never a secret.
import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { JsonValue } from './call-event.js';

export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  /** Dotted: `login.ok`, `login.failed`, `login.locked`, `auth.forbidden`, `token.created`... */
  declare type: string;
  declare tenantId: number | null;
  declare userId: number | null;
  declare tokenId: number | null;
  /** Who, readable: "user 12 (marie)", "token 3 (billing export)", or the login tried. */
  declare actor: string | null;
  declare address: string | null;
  declare method: string | null;
  declare path: string | null;
  declare status: number | null;
  declare data: Record<string, JsonValue>;
}

export function defineAuditEvent(sequelize: Sequelize): typeof AuditEvent {
  const M = class extends AuditEvent {};
  M.init(
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true, get(this: AuditEvent) { return Number(this.getDataValue('id')); } },
      at: { type: DataTypes.DATE(3), allowNull: false },
      type: { type: DataTypes.STRING(48), allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      userId: { type: DataTypes.INTEGER, allowNull: true },
      tokenId: { type: DataTypes.INTEGER, allowNull: true },
      actor: { type: DataTypes.STRING(140), allowNull: true },
      address: { type: DataTypes.STRING(45), allowNull: true },
      method: { type: DataTypes.STRING(8), allowNull: true },
      path: { type: DataTypes.STRING(255), allowNull: true },
      status: { type: DataTypes.SMALLINT, allowNull: true },
      data: { type: DataTypes.JSON, allowNull: false },
    },
    { sequelize, modelName: 'AuditEvent', tableName: 'audit_events', underscored: true, timestamps: false },
  );
  return M;
}
