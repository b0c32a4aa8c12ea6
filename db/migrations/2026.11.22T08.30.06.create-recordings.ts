// Why: every call is recorded; this is the catalogue of Asterisk's files (name, path, format)
// that playback, export and retention work from. Size and checksum are known once it is closed.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, UUID_COLUMN, type Migration } from '../migrate.js';

const ref = (model: string) => ({ references: { model, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('recordings', {
    id: { type: UUID_COLUMN, allowNull: false, primaryKey: true },
    call_id: { type: UUID_COLUMN, allowNull: false, ...ref('calls') },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('tenants') },
    name: { type: DataTypes.STRING(255), allowNull: false },
    path: { type: DataTypes.STRING(1024), allowNull: false },
    format: { type: DataTypes.STRING(16), allowNull: false },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    duration_ms: { type: DataTypes.INTEGER, allowNull: true },
    size_bytes: { type: DataTypes.BIGINT, allowNull: true },
    sha256: { type: 'CHAR(64) CHARACTER SET ascii COLLATE ascii_bin', allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('recordings');
};
