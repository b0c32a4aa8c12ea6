// Why: a supervisor must be able to open or close a line at once (an unplanned closure sends the
// landlord's callers to the on-call service; an exceptional opening keeps them with the office),
// over what the configured calendar says, and the decision must survive a restart.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('calendar_overrides', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' },
    calendar: { type: DataTypes.STRING(32), allowNull: false },
    mode: { type: DataTypes.ENUM('open', 'closed'), allowNull: false },
    starts_at: { type: DataTypes.DATE(3), allowNull: false },
    ends_at: { type: DataTypes.DATE(3), allowNull: false },
    reason: { type: DataTypes.STRING(200), allowNull: false },
    created_by_token_id: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    cancelled_at: { type: DataTypes.DATE(3), allowNull: true },
  }, TABLE_OPTIONS);
  await qi.addIndex('calendar_overrides', ['tenant_id', 'calendar', 'ends_at'], { name: 'calendar_overrides_active' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('calendar_overrides');
};
