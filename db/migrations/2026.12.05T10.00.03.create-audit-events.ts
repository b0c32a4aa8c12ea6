// Why: security events (logins, lockouts, second-factor and user changes, tokens, every refused
// request) must be kept and never rewritten. Triggers refuse UPDATE and DELETE, so not even the
// app's own database user can edit the log. No secret is ever written here.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.createTable('audit_events', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
    type: { type: 'VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    tenant_id: { type: DataTypes.INTEGER, allowNull: true },
    user_id: { type: DataTypes.INTEGER, allowNull: true },
    token_id: { type: DataTypes.INTEGER, allowNull: true },
    actor: { type: DataTypes.STRING(140), allowNull: true },
    address: { type: DataTypes.STRING(45), allowNull: true },
    method: { type: DataTypes.STRING(8), allowNull: true },
    path: { type: DataTypes.STRING(255), allowNull: true },
    status: { type: DataTypes.SMALLINT, allowNull: true },
    data: { type: DataTypes.JSON, allowNull: false },
  }, TABLE_OPTIONS);
  await qi.addIndex('audit_events', ['tenant_id', 'at'], { name: 'audit_tenant_at' });
  await qi.addIndex('audit_events', ['at'], { name: 'audit_at' });
  for (const op of ['UPDATE', 'DELETE']) {
    await sequelize.query(`CREATE TRIGGER audit_events_no_${op.toLowerCase()} BEFORE ${op} ON audit_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'`);
  }
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('audit_events');
};
