// Why: a user who lost their authenticator logs in once with a recovery code. Ten are made when
// the second factor is enrolled; only their SHA-256 is kept and each works once.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('user_recovery_codes', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
    code_sha256: { type: 'CHAR(64) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
  await qi.addIndex('user_recovery_codes', ['user_id', 'code_sha256'], { name: 'recovery_user_code', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('user_recovery_codes');
};
