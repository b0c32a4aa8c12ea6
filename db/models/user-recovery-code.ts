// One recovery code of a user: its SHA-256 and when it was used (each works once).
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { User } from './user.js';

export class UserRecoveryCode extends Model<InferAttributes<UserRecoveryCode>, InferCreationAttributes<UserRecoveryCode>> {
  declare id: CreationOptional<number>;
  declare userId: ForeignKey<User['id']>;
  declare codeSha256: string;
  declare usedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export function defineUserRecoveryCode(sequelize: Sequelize): typeof UserRecoveryCode {
  const M = class extends UserRecoveryCode {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      codeSha256: { type: DataTypes.CHAR(64), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'UserRecoveryCode', tableName: 'user_recovery_codes', underscored: true, updatedAt: false },
  );
  return M;
}
