// Why: web sessions live in MariaDB, so a restarted app keeps everyone logged in, and a session
// can be ended from the server at once (disabled user, role or tenant changed, logout). The
// cookie holds a random id; only its SHA-256 is stored. `stage` is how far the login got:
// password accepted, or complete (second factor passed or not required).
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('user_sessions', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    sid_sha256: { type: 'CHAR(64) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false, unique: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
    epoch: { type: DataTypes.INTEGER, allowNull: false },
    stage: { type: DataTypes.ENUM('second_factor', 'enrol_second_factor', 'complete'), allowNull: false },
    csrf: { type: 'CHAR(43) CHARACTER SET ascii COLLATE ascii_bin', allowNull: false },
    address: { type: DataTypes.STRING(45), allowNull: true },
    user_agent: { type: DataTypes.STRING(255), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
    ended_at: { type: DataTypes.DATE(3), allowNull: true },
    ended_reason: { type: DataTypes.STRING(32), allowNull: true },
  }, TABLE_OPTIONS);
  await qi.addIndex('user_sessions', ['user_id', 'ended_at'], { name: 'user_sessions_user' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('user_sessions');
};
