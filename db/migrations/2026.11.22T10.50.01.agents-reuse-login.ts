// Why: an agent who leaves is deleted softly (their name stays on past calls and reports), but
// their login and SIP user name must be free for the next hire: a centre hands the same
// extension on. Uniqueness now holds among agents not deleted only, through generated columns
// that are NULL once the agent is deleted (a unique index admits any number of NULLs).
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`ALTER TABLE agents
    ADD COLUMN live_login VARCHAR(16) AS (IF(deleted_at IS NULL, login, NULL)) PERSISTENT,
    ADD COLUMN live_sip_username VARCHAR(64) AS (IF(deleted_at IS NULL, sip_username, NULL)) PERSISTENT,
    DROP INDEX agents_tenant_login,
    DROP INDEX agents_sip_username,
    ADD UNIQUE INDEX agents_tenant_live_login (tenant_id, live_login),
    ADD UNIQUE INDEX agents_live_sip_username (live_sip_username),
    ADD INDEX agents_sip_username (sip_username)`);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`ALTER TABLE agents
    DROP INDEX agents_tenant_live_login,
    DROP INDEX agents_live_sip_username,
    DROP INDEX agents_sip_username,
    DROP COLUMN live_login,
    DROP COLUMN live_sip_username,
    ADD UNIQUE INDEX agents_sip_username (sip_username),
    ADD UNIQUE INDEX agents_tenant_login (tenant_id, login)`);
};
