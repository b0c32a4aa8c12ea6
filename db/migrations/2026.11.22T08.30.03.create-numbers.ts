// Why: the DIDs (SDA) route an inbound call to a tenant's line. A DID belongs to one tenant
// only, which the unique key enforces; rows are deactivated, never deleted (calls point here).
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('numbers', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: {
      type: DataTypes.INTEGER, allowNull: false,
      references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
    },
    line_id: {
      type: DataTypes.INTEGER, allowNull: false,
      references: { model: 'lines', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
    },
    did: { type: DataTypes.STRING(15), allowNull: false, unique: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('numbers');
};
