// A DID (SDA) of a tenant, reaching one of its lines. Never deleted: calls reference it, so a
// number dropped from the configuration is only marked inactive.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import type { Line } from './line.js';
import type { Tenant } from './tenant.js';

export class PhoneNumber extends Model<InferAttributes<PhoneNumber>, InferCreationAttributes<PhoneNumber>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']>;
  declare lineId: ForeignKey<Line['id']>;
  /** E.164 digits, no leading +. */
  declare did: string;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare tenant?: NonAttribute<Tenant>;
  declare line?: NonAttribute<Line>;
}

/** Binds a fresh subclass of PhoneNumber to this Sequelize instance (see models/index.ts). */
export function definePhoneNumber(sequelize: Sequelize): typeof PhoneNumber {
  const M = class extends PhoneNumber {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      lineId: { type: DataTypes.INTEGER, allowNull: false },
      did: { type: DataTypes.STRING(15), allowNull: false, unique: true, validate: { is: /^[1-9][0-9]{7,14}$/ } },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'PhoneNumber', tableName: 'numbers', underscored: true },
  );
  return M;
}
