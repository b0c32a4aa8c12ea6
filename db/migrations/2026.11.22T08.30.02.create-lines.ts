// Why: a tenant's lines (technical, commercial, business customers) are what KPIs and reports
// are split by; a line's slug is unique within its tenant only.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('lines', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tenant_id: {
      type: DataTypes.INTEGER, allowNull: false,
      references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
    },
    slug: { type: DataTypes.STRING(32), allowNull: false },
    label: { type: DataTypes.STRING(80), allowNull: false },
  }, {
    ...TABLE_OPTIONS,
    // Created with the table, so it also serves the tenant_id foreign key.
    uniqueKeys: { lines_tenant_slug: { fields: ['tenant_id', 'slug'] } },
  });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('lines');
};
