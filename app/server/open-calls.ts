// The calls this site's database still holds open (no end written), with the caller's channel
// id: after a restart, those whose channel is gone in Asterisk ended while the app was down.
import { QueryTypes, type Sequelize } from 'sequelize';

export async function openCalls(sequelize: Sequelize, site: string): Promise<{ id: string; tenant: string; channelId: string }[]> {
  return sequelize.query<{ id: string; tenant: string; channelId: string }>(
    `SELECT c.id AS id, t.slug AS tenant, c.channel_id AS channelId
     FROM calls c JOIN tenants t ON t.id = c.tenant_id JOIN sites s ON s.id = c.site_id
     WHERE c.ended_at IS NULL AND s.name = :site`,
    { replacements: { site }, type: QueryTypes.SELECT },
  );
}
