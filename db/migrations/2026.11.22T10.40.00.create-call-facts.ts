// Why: a monthly report must read a million calls in under a second, and streaming ~8 million
// call events through app/kpi/classify.ts takes tens of seconds. Each call is summarised once it
// ends (app/kpi/facts.ts): one row per unit the KPIs count (a queue visit, the call's journey or
// IVR abandon on its line, an offer to an agent), holding what the KPIs need and nothing more.
// Rows are replaced whole per call, so summarising a call again is idempotent. Index: the
// 15-minute UTC slot of the unit, to recompute kpi_slots cells and to read a period's edges.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, UUID_COLUMN, type Migration } from '../migrate.js';

const ref = (model: string) => ({ references: { model, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });
/** Queue, line or agent id: compared byte for byte, as the KPI module's maps do. */
const GROUP_COLUMN = 'VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('call_facts', {
    call_id: { type: UUID_COLUMN, allowNull: false, primaryKey: true, ...ref('calls') },
    kind: { type: DataTypes.ENUM('queue', 'line', 'agent'), allowNull: false, primaryKey: true },
    n: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: false, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('tenants') },
    grp: { type: GROUP_COLUMN, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
    slot: { type: DataTypes.INTEGER, allowNull: false },
    outcome: {
      type: DataTypes.ENUM('answered', 'abandoned', 'immediate', 'dropped', 'overflowed', 'callback', 'waiting', 'ivr', 'no_answer', 'cancelled', 'pending'),
      allowNull: false,
    },
    wait_ms: { type: DataTypes.BIGINT, allowNull: true },
    without_wait: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    talk_ms: { type: DataTypes.BIGINT, allowNull: true },
    handle_ms: { type: DataTypes.BIGINT, allowNull: true },
  }, TABLE_OPTIONS);
  // Also takes over the tenant_id foreign key's own index: down drops the whole table.
  await qi.addIndex('call_facts', ['tenant_id', 'slot', 'kind', 'grp'], { name: 'call_facts_cell' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('call_facts');
};
