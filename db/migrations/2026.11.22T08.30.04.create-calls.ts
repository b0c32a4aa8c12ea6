// Why: the call history that KPIs and reports are computed from. The id is a UUID the app
// generates before it acts, so a write retried after a crash lands on the same row. Indexes:
// (tenant_id, started_at) for reports over a period, channel_id to find a call from an ARI event.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, UUID_COLUMN, type Migration } from '../migrate.js';

const ref = (model: string) => ({ references: { model, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('calls', {
    id: { type: UUID_COLUMN, allowNull: false, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('tenants') },
    site_id: { type: DataTypes.INTEGER, allowNull: true, ...ref('sites') },
    number_id: { type: DataTypes.INTEGER, allowNull: true, ...ref('numbers') },
    line_id: { type: DataTypes.INTEGER, allowNull: true, ...ref('lines') },
    direction: { type: DataTypes.ENUM('inbound', 'outbound'), allowNull: false },
    did: { type: DataTypes.STRING(32), allowNull: false },
    caller_id: { type: DataTypes.STRING(80), allowNull: true },
    channel_id: { type: 'VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    answered_at: { type: DataTypes.DATE(3), allowNull: true },
    ended_at: { type: DataTypes.DATE(3), allowNull: true },
    hangup_cause: { type: DataTypes.INTEGER, allowNull: true },
    hangup_reason: { type: DataTypes.STRING(255), allowNull: true },
  }, TABLE_OPTIONS);
  // This index also takes over the tenant_id foreign key's own: down drops the whole table.
  await qi.addIndex('calls', ['tenant_id', 'started_at'], { name: 'calls_tenant_started' });
  await qi.addIndex('calls', ['channel_id'], { name: 'calls_channel' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('calls');
};
