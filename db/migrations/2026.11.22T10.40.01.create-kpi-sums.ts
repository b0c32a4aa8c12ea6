// Why: even one row per call (call_facts) is too much to aggregate in under a second for a month
// of a million calls (about 40 ms per aggregate per million rows here). Two tiers of sums, each
// recomputed from the tier below whenever a call in it is summarised (app/kpi/fact-store.ts),
// never incremented, so they cannot drift:
// - kpi_slots: call_facts summed per tenant, kind, 15-minute UTC slot and group. A report bucket
//   (day, hour, half-hour, in any zone whose offsets are whole quarter hours) is a union of slots.
// - kpi_days: kpi_slots summed per local day of the tenant's zone (from the slot of local
//   midnight to `end_slot`: 92, 96 or 100 slots), so a month per day does not read the ~300,000
//   slot cells of 300 agents. kpi_day_zones says which zone the days were cut in: a report in
//   another zone, or before they are recut after the tenant's zone changed, does not use them.
// Keys: a report reads one kind over a range of slots; kpi_slots_group, one group's slots of a day.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, type Migration } from '../migrate.js';

const GROUP_COLUMN = 'VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
/** Service-level thresholds (seconds) whose "answered within" count each cell keeps (as app/kpi/slots.ts). */
const SLOT_THRESHOLDS = [10, 15, 20, 25, 30, 40, 45, 60, 90, 120];
const COUNTS = [
  'offered', 'answered', ...SLOT_THRESHOLDS.map((s) => `within_${s}`), 'n40', 'before_10s', 'without_wait',
  'in_ivr', 'immediate', 'abandoned', 'dropped', 'overflowed', 'callbacks', 'in_progress', 'no_answer',
  'wait_n', 'talk_n', 'handle_n',
];
const SUMS = ['wait_sum', 'answered_wait_sum', 'talk_sum', 'handle_sum'];
const MAXES = ['wait_max', 'talk_max'];
const tenantRef = { references: { model: 'tenants', key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' };

const cells = (extra: Record<string, object> = {}) => ({
  tenant_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...tenantRef },
  kind: { type: DataTypes.ENUM('queue', 'line', 'agent'), allowNull: false, primaryKey: true },
  slot: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
  grp: { type: GROUP_COLUMN, allowNull: false, primaryKey: true },
  ...extra,
  ...Object.fromEntries(COUNTS.map((c) => [c, { type: DataTypes.INTEGER.UNSIGNED, allowNull: false }])),
  ...Object.fromEntries(SUMS.map((c) => [c, { type: DataTypes.BIGINT, allowNull: false }])),
  ...Object.fromEntries(MAXES.map((c) => [c, { type: DataTypes.BIGINT, allowNull: true }])),
});

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('kpi_slots', cells(), TABLE_OPTIONS);
  await qi.addIndex('kpi_slots', ['tenant_id', 'kind', 'grp', 'slot'], { name: 'kpi_slots_group' });
  await qi.createTable('kpi_days', cells({ end_slot: { type: DataTypes.INTEGER, allowNull: false } }), TABLE_OPTIONS);
  await qi.createTable('kpi_day_zones', {
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, ...tenantRef },
    timezone: { type: DataTypes.STRING(64), allowNull: false },
  }, TABLE_OPTIONS);
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('kpi_day_zones');
  await qi.dropTable('kpi_days');
  await qi.dropTable('kpi_slots');
};
