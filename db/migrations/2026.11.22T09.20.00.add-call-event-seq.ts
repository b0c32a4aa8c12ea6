// Why: events of one call often share a millisecond (a key and the step it leads to); reports
// that tell an abandon in the IVR from one in the queue need their true order, which the app
// knows: a per-call sequence number.
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('call_events', 'seq', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeColumn('call_events', 'seq');
};
