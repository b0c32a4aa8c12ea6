// Why: every call, line and number belongs to a tenant (a client contract); the slug is the
// tenant's key in the configuration that seeds this table.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('tenants', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    slug: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(120), allowNull: false },
    country: { type: DataTypes.ENUM('FR', 'MA'), allowNull: false },
    timezone: { type: DataTypes.STRING(64), allowNull: false },
    languages: { type: DataTypes.JSON, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('tenants');
};
