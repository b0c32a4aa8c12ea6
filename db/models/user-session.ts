// A web session: the SHA-256 of the cookie's random id, the user, the epoch it was opened at,
// how far the login got, the CSRF token that goes with it, and when it was last used.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { User } from './user.js';

export const SESSION_STAGES = ['second_factor', 'enrol_second_factor', 'complete'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export class UserSession extends Model<InferAttributes<UserSession>, InferCreationAttributes<UserSession>> {
  declare id: CreationOptional<number>;
  declare sidSha256: string;
  declare userId: ForeignKey<User['id']>;
  declare epoch: number;
  declare stage: SessionStage;
  declare csrf: string;
  declare address: string | null;
  declare userAgent: string | null;
  declare createdAt: CreationOptional<Date>;
  declare lastSeenAt: Date;
  declare endedAt: CreationOptional<Date | null>;
  declare endedReason: CreationOptional<string | null>;
}

export function defineUserSession(sequelize: Sequelize): typeof UserSession {
  const M = class extends UserSession {};
  M.init(
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true, get(this: UserSession) { return Number(this.getDataValue('id')); } },
      sidSha256: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      epoch: { type: DataTypes.INTEGER, allowNull: false },
      stage: { type: DataTypes.ENUM(...SESSION_STAGES), allowNull: false },
      csrf: { type: DataTypes.CHAR(43), allowNull: false },
      address: { type: DataTypes.STRING(45), allowNull: true },
      userAgent: { type: DataTypes.STRING(255), allowNull: true },
      createdAt: DataTypes.DATE(3),
      lastSeenAt: { type: DataTypes.DATE(3), allowNull: false },
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      endedReason: { type: DataTypes.STRING(32), allowNull: true },
    },
    { sequelize, modelName: 'UserSession', tableName: 'user_sessions', underscored: true, updatedAt: false },
  );
  return M;
}
