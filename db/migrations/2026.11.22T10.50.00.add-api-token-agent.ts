// Why: agents (téléconseillers) may act only on their own work, so an `agent` token belongs to
// one agent of its tenant, not to the whole tenant. agent_id names that agent (null for every
// other role; the rule is enforced by app/auth/tokens.ts, not by a CHECK, because agent tokens
// made before this migration name no agent: they are refused when presented, see verifyToken).
// The foreign key restricts: agents are soft-deleted (deleted_at), so their row stays, and a
// deleted agent's tokens are refused too. agent_id has the type of agents.id (CHAR(36) in the
// tables' utf8mb4 collation: a key on a column of another character set would be refused).
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate.js';

const FK = 'api_tokens_agent_fk';

export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('api_tokens', 'agent_id', { type: DataTypes.CHAR(36), allowNull: true });
  await qi.addConstraint('api_tokens', {
    type: 'foreign key', name: FK, fields: ['agent_id'],
    references: { table: 'agents', field: 'id' }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT',
  });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeConstraint('api_tokens', FK);
  // The key's index goes with its column.
  await qi.removeColumn('api_tokens', 'agent_id');
};
