// Why: people log in to the web panel. A user belongs to one tenant, or to none for the
// outsourcer's own staff; an agent user is linked to one ACD agent. The password is an argon2id
// hash; the TOTP secret is sealed (AES-256-GCM with the site's key), never stored in clear.
// A new secret waits in totp_pending_sealed until the user confirms it with a code.
// `session_epoch` is raised whenever the user is disabled or their role, tenant or password
// changes: every session carries the epoch it was opened at and is refused once it differs.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('users', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' },
    login: { type: 'VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci', allowNull: false, unique: true },
    name: { type: DataTypes.STRING(120), allowNull: false },
    role: { type: DataTypes.ENUM('operator_admin', 'tenant_admin', 'supervisor', 'agent', 'client_viewer', 'quality'), allowNull: false },
    agent_id: { type: DataTypes.CHAR(36), allowNull: true, references: { model: 'agents', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' },
    language: { type: DataTypes.ENUM('fr', 'ar', 'en'), allowNull: false, defaultValue: 'fr' },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    totp_sealed: { type: DataTypes.STRING(255), allowNull: true },
    totp_pending_sealed: { type: DataTypes.STRING(255), allowNull: true },
    totp_enabled_at: { type: DataTypes.DATE(3), allowNull: true },
    totp_last_step: { type: DataTypes.BIGINT, allowNull: true },
    failed_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    session_epoch: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    disabled_at: { type: DataTypes.DATE(3), allowNull: true },
    last_login_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
  await qi.addIndex('users', ['tenant_id'], { name: 'users_tenant' });
  await qi.addIndex('users', ['agent_id'], { name: 'users_agent', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('users');
};
