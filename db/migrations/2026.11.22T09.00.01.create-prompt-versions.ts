// Why: tenants upload their own IVR messages; each upload of a prompt (name + language) is a new
// version, converted to what Asterisk plays without transcoding, and at most one version per
// prompt is active. `active_slot` (1 when active, NULL otherwise) carries a unique key, so the
// database itself refuses a second active version whatever the code does; the version key gives
// (tenant, name, language) lookups their index.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

const ref = (model: string) => ({ references: { model, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('prompt_versions', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('tenants') },
    name: { type: 'VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    language: { type: DataTypes.ENUM('fr', 'ar', 'en'), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    original_format: { type: DataTypes.ENUM('wav', 'mp3', 'ogg'), allowNull: false },
    duration_ms: { type: DataTypes.INTEGER, allowNull: false },
    size_bytes: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: 'CHAR(64) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    path: { type: DataTypes.STRING(1024), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    active_slot: { type: 'TINYINT AS (IF(`active`, 1, NULL)) PERSISTENT' },
    created_by_token_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('api_tokens') },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
  // The first key also serves the tenant_id foreign key: down drops the whole table.
  await qi.addIndex('prompt_versions', ['tenant_id', 'name', 'language', 'version'], { name: 'prompt_versions_version', unique: true });
  await qi.addIndex('prompt_versions', ['tenant_id', 'name', 'language', 'active_slot'], { name: 'prompt_versions_one_active', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('prompt_versions');
};
