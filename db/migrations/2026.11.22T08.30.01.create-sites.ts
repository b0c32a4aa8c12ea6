// Why: a primary and a backup site share the history; each call records which site handled it.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('sites', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    role: { type: DataTypes.ENUM('primary', 'backup'), allowNull: false },
    country: { type: DataTypes.ENUM('FR', 'MA'), allowNull: false },
    hostname: { type: DataTypes.STRING(253), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('sites');
};
