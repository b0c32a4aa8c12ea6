// A recording of (part of) a call, as Asterisk stored it. Size and checksum are filled in once
// the file is closed; retention deletes the file and then this row.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import { UUID_RE, type Call } from './call.js';
import type { Tenant } from './tenant.js';

export class Recording extends Model<InferAttributes<Recording>, InferCreationAttributes<Recording>> {
  declare id: string;
  declare callId: ForeignKey<Call['id']>;
  declare tenantId: ForeignKey<Tenant['id']>;
  /** Asterisk's recording name (ARI LiveRecording / StoredRecording name). */
  declare name: string;
  declare path: string;
  /** File format Asterisk wrote, e.g. `wav`. */
  declare format: string;
  declare startedAt: Date;
  declare durationMs: CreationOptional<number | null>;
  declare sizeBytes: CreationOptional<number | null>;
  /** Hex SHA-256 of the file, to prove it was not altered. */
  declare sha256: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare call?: NonAttribute<Call>;
}

/** Binds a fresh subclass of Recording to this Sequelize instance (see models/index.ts). */
export function defineRecording(sequelize: Sequelize): typeof Recording {
  const M = class extends Recording {};
  M.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true, validate: { is: UUID_RE } },
      callId: { type: DataTypes.CHAR(36), allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: false },
      path: { type: DataTypes.STRING(1024), allowNull: false },
      format: { type: DataTypes.STRING(16), allowNull: false },
      startedAt: { type: DataTypes.DATE(3), allowNull: false },
      durationMs: { type: DataTypes.INTEGER, allowNull: true },
      sizeBytes: { type: DataTypes.BIGINT, allowNull: true },
      sha256: { type: DataTypes.CHAR(64), allowNull: true, validate: { is: /^[0-9a-f]{64}$/ } },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'Recording', tableName: 'recordings', underscored: true },
  );
  return M;
}
