// Why: the `quality` role (evaluators) joins the roles a token may have, as it does for users.
import type { Migration } from '../migrate.js';

const roles = (list: string[]) => `ENUM(${list.map((r) => `'${r}'`).join(',')}) NOT NULL`;
const BEFORE = ['operator_admin', 'tenant_admin', 'supervisor', 'agent', 'client_viewer'];

export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`ALTER TABLE api_tokens MODIFY role ${roles([...BEFORE, 'quality'])}`);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`ALTER TABLE api_tokens MODIFY role ${roles(BEFORE)}`);
};
