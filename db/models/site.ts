// A site: one appliance host (primary or backup). Calls record which site handled them.
import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import { COUNTRIES, type Country } from './tenant.js';

export type SiteRole = 'primary' | 'backup';
export const SITE_ROLES: readonly SiteRole[] = ['primary', 'backup'];

export class Site extends Model<InferAttributes<Site>, InferCreationAttributes<Site>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare role: SiteRole;
  declare country: Country;
  declare hostname: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Binds a fresh subclass of Site to this Sequelize instance (see models/index.ts). */
export function defineSite(sequelize: Sequelize): typeof Site {
  const M = class extends Site {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      role: { type: DataTypes.ENUM(...SITE_ROLES), allowNull: false },
      country: { type: DataTypes.ENUM(...COUNTRIES), allowNull: false },
      hostname: { type: DataTypes.STRING(253), allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'Site', tableName: 'sites', underscored: true },
  );
  return M;
}
