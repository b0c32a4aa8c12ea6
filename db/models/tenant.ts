// A tenant: one client contract. Mirrors pbx-config's TenantSchema minus what only the PBX needs
// (prompts); the configuration is the source of truth and seedFromConfig copies it here.
import {
  DataTypes, Model,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize,
} from 'sequelize';
import type { Line } from './line.js';
import type { PhoneNumber } from './phone-number.js';

export type Country = 'FR' | 'MA';
export type Language = 'fr' | 'ar' | 'en';
export const COUNTRIES: readonly Country[] = ['FR', 'MA'];

export class Tenant extends Model<InferAttributes<Tenant>, InferCreationAttributes<Tenant>> {
  declare id: CreationOptional<number>;
  declare slug: string;
  declare name: string;
  declare country: Country;
  /** IANA zone the tenant's opening hours and reports are expressed in. */
  declare timezone: string;
  declare languages: Language[];
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare lines?: NonAttribute<Line[]>;
  declare numbers?: NonAttribute<PhoneNumber[]>;
}

/** Binds a fresh subclass of Tenant to this Sequelize instance (see models/index.ts). */
export function defineTenant(sequelize: Sequelize): typeof Tenant {
  const M = class extends Tenant {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      country: { type: DataTypes.ENUM(...COUNTRIES), allowNull: false },
      timezone: { type: DataTypes.STRING(64), allowNull: false },
      languages: { type: DataTypes.JSON, allowNull: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'Tenant', tableName: 'tenants', underscored: true },
  );
  return M;
}
