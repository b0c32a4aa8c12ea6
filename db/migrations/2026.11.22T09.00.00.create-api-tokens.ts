// Why: every API request is authenticated with a bearer token and authorised per tenant. A token
// belongs to one tenant, or to none for the outsourcer's own staff (across tenants), and has
// one role. Only the token's SHA-256 is stored, so a database dump gives no usable token;
// tokens are revoked, never deleted, because prompt versions name the token that made them.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('api_tokens', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: {
      type: DataTypes.INTEGER, allowNull: true,
      references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
    },
    role: { type: DataTypes.ENUM('operator_admin', 'tenant_admin', 'supervisor', 'agent', 'client_viewer'), allowNull: false },
    name: { type: DataTypes.STRING(120), allowNull: false },
    token_sha256: { type: 'CHAR(64) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false, unique: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    last_used_at: { type: DataTypes.DATE(3), allowNull: true },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('api_tokens');
};
