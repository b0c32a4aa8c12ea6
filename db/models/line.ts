// A tenant's line (technical, commercial, ...): what a DID leads to. `slug` is the line id of
// the tenant's configuration, unique within the tenant.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import type { PhoneNumber } from './phone-number.js';
import type { Tenant } from './tenant.js';

export class Line extends Model<InferAttributes<Line>, InferCreationAttributes<Line>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']>;
  declare slug: string;
  declare label: string;

  declare tenant?: NonAttribute<Tenant>;
  declare numbers?: NonAttribute<PhoneNumber[]>;
}

/** Binds a fresh subclass of Line to this Sequelize instance (see models/index.ts). */
export function defineLine(sequelize: Sequelize): typeof Line {
  const M = class extends Line {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      slug: { type: DataTypes.STRING(32), allowNull: false },
      label: { type: DataTypes.STRING(80), allowNull: false },
    },
    {
      sequelize, modelName: 'Line', tableName: 'lines', underscored: true, timestamps: false,
      indexes: [{ name: 'lines_tenant_slug', unique: true, fields: ['tenant_id', 'slug'] }],
    },
  );
  return M;
}
