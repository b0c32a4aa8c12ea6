// An API bearer token: its role, its tenant (null for the outsourcer's own staff, across
// tenants), the agent an `agent` token acts for, and the SHA-256 of the token, never the token
// itself. Revoked, never deleted.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import type { Agent } from './agent.js';
import type { Tenant } from './tenant.js';

export const API_ROLES = ['operator_admin', 'tenant_admin', 'supervisor', 'agent', 'client_viewer', 'quality'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export class ApiToken extends Model<InferAttributes<ApiToken>, InferCreationAttributes<ApiToken>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']> | null;
  declare role: ApiRole;
  /** The one agent an `agent` token acts for; null for every other role. */
  declare agentId: ForeignKey<Agent['id']> | null;
  /** Who or what the token is for, e.g. "Marie (supervisor)". */
  declare name: string;
  /** Hex SHA-256 of the token. */
  declare tokenSha256: string;
  declare createdAt: CreationOptional<Date>;
  declare lastUsedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;

  declare tenant?: NonAttribute<Tenant | null>;
}

/** Binds a fresh subclass of ApiToken to this Sequelize instance (see models/index.ts). */
export function defineApiToken(sequelize: Sequelize): typeof ApiToken {
  const M = class extends ApiToken {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      role: { type: DataTypes.ENUM(...API_ROLES), allowNull: false },
      agentId: { type: DataTypes.CHAR(36), allowNull: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      tokenSha256: { type: DataTypes.CHAR(64), allowNull: false, unique: true, validate: { is: /^[0-9a-f]{64}$/ } },
      createdAt: DataTypes.DATE(3),
      lastUsedAt: { type: DataTypes.DATE(3), allowNull: true },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { sequelize, modelName: 'ApiToken', tableName: 'api_tokens', underscored: true, updatedAt: false },
  );
  return M;
}
