// Why: after a call the agent gives its reason (a family and a nature of the line's callReasons)
// and may write a note; one row per call, the latest save wins, with who saved it and when. The
// note may hold personal data, so it lives here only (the `call.wrapup` event carries the codes,
// never the text), where it can be read, corrected or erased alone. No foreign key to `calls`:
// the journal writes calls behind the app, so a wrap-up saved during the call may come first.
import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS, UUID_COLUMN, type Migration } from '../migrate.js';

const ref = (model: string) => ({ references: { model, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });
const CODE = 'VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('call_wrapups', {
    call_id: { type: UUID_COLUMN, allowNull: false, primaryKey: true },
    tenant_id: { type: DataTypes.INTEGER, allowNull: false, ...ref('tenants') },
    family: { type: CODE, allowNull: false },
    nature: { type: CODE, allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: false },
    /** The agent who saved it (an agent's session or token), else null (a supervisor, an admin). */
    agent_id: { type: UUID_COLUMN, allowNull: true },
    user_id: { type: DataTypes.INTEGER, allowNull: true },
    token_id: { type: DataTypes.INTEGER, allowNull: true },
    saved_at: { type: DataTypes.DATE(3), allowNull: false },
  }, TABLE_OPTIONS);
  // Also takes over the tenant_id foreign key's own index: down drops the whole table.
  await qi.addIndex('call_wrapups', ['tenant_id', 'family', 'nature'], { name: 'call_wrapups_reason' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('call_wrapups');
};
