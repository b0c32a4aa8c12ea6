// Why: a prompt or a calendar override is now made by a person logged in to the web panel as
// well as by a machine's API token. Each row names one or the other: created_by_user_id joins
// created_by_token_id, which becomes optional for prompt versions (it already was for overrides).
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate.js';

const user = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' } as const;

export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await sequelize.query('ALTER TABLE prompt_versions MODIFY created_by_token_id INT NULL');
  await qi.addColumn('prompt_versions', 'created_by_user_id', user);
  await qi.addColumn('calendar_overrides', 'created_by_user_id', user);
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.removeColumn('calendar_overrides', 'created_by_user_id');
  await qi.removeColumn('prompt_versions', 'created_by_user_id');
  await sequelize.query('ALTER TABLE prompt_versions MODIFY created_by_token_id INT NOT NULL');
};
