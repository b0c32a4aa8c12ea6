// A person who logs in to the web panel: the outsourcer's staff (no tenant) or one tenant's. An
// agent user is linked to one ACD agent. Holds the argon2id hash of the password, the sealed
// TOTP secret, the lockout counters and the session epoch (raised to end every session at once).
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import { API_ROLES, type ApiRole } from './api-token.js';
import type { Agent } from './agent.js';
import type { Language, Tenant } from './tenant.js';

export const LANGUAGES: readonly Language[] = ['fr', 'ar', 'en'];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']> | null;
  declare login: string;
  declare name: string;
  declare role: ApiRole;
  declare agentId: ForeignKey<Agent['id']> | null;
  declare language: CreationOptional<Language>;
  declare passwordHash: string;
  declare totpSealed: CreationOptional<string | null>;
  /** A secret being enrolled, until a code confirms it. */
  declare totpPendingSealed: CreationOptional<string | null>;
  declare totpEnabledAt: CreationOptional<Date | null>;
  /** The last TOTP time step accepted: a code of that step or an earlier one is a replay. */
  declare totpLastStep: CreationOptional<number | null>;
  declare failedAttempts: CreationOptional<number>;
  declare lockedUntil: CreationOptional<Date | null>;
  declare sessionEpoch: CreationOptional<number>;
  declare disabledAt: CreationOptional<Date | null>;
  declare lastLoginAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare tenant?: NonAttribute<Tenant | null>;
}

export function defineUser(sequelize: Sequelize): typeof User {
  const M = class extends User {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      login: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      role: { type: DataTypes.ENUM(...API_ROLES), allowNull: false },
      agentId: { type: DataTypes.CHAR(36), allowNull: true },
      language: { type: DataTypes.ENUM(...LANGUAGES), allowNull: false, defaultValue: 'fr' },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      totpSealed: { type: DataTypes.STRING(255), allowNull: true },
      totpPendingSealed: { type: DataTypes.STRING(255), allowNull: true },
      totpEnabledAt: { type: DataTypes.DATE(3), allowNull: true },
      totpLastStep: {
        type: DataTypes.BIGINT, allowNull: true,
        // BIGINT comes back as a string from the mariadb driver.
        get(this: User) { const v = this.getDataValue('totpLastStep') as unknown; return v === null || v === undefined ? null : Number(v); },
      },
      failedAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      sessionEpoch: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      disabledAt: { type: DataTypes.DATE(3), allowNull: true },
      lastLoginAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'User', tableName: 'users', underscored: true },
  );
  return M;
}
