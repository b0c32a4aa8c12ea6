// Why: agents' SIP desk phones are created from the database (no hand-written agent
// configuration): each agent has a tenant, a short login for feature codes, skills with levels,
// a generated SIP username and the digest hash of a generated password (the password itself is
// shown once, at creation), and the presence they chose (logged out, available, paused with a
// reason), so that a restart of the app puts every agent back where they were.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('agents', {
    id: { type: DataTypes.CHAR(36), primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' },
    login: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(120), allowNull: false },
    sip_username: { type: DataTypes.STRING(64), allowNull: false },
    sip_ha1: { type: DataTypes.CHAR(32), allowNull: false },
    skills: { type: DataTypes.JSON, allowNull: false },
    presence: { type: DataTypes.ENUM('logged_out', 'available', 'paused'), allowNull: false, defaultValue: 'logged_out' },
    pause_reason: { type: DataTypes.STRING(64), allowNull: true },
    presence_since: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
    deleted_at: { type: DataTypes.DATE(3), allowNull: true },
  }, TABLE_OPTIONS);
  await qi.addIndex('agents', ['sip_username'], { name: 'agents_sip_username', unique: true });
  await qi.addIndex('agents', ['tenant_id', 'login'], { name: 'agents_tenant_login', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('agents');
};
