// Agents' desk phones as PJSIP objects pushed to Asterisk over ARI (sorcery's memory wizard, see
// pbx-config/render/sorcery.ts): an auth with the digest hash, an aor taking one registration
// (a new one replaces the old) and an endpoint in the agents' dialplan context. The database is
// the source: the app pushes every agent after each (re)connection, since Asterisk keeps pushed
// objects only in memory. Registration state is read back per endpoint and then followed through
// EndpointStateChange events: the app subscribes to each agent's endpoint (not to endpoint:PJSIP,
// which would also forward every event of every trunk call a second time).
import type { AriClient } from '../ari/client.js';
import { AGENT_CONTEXT } from '../../pbx-config/render/pjsip.js';
import { AriHttpError } from '../ari/errors.js';

export interface PhoneAccount {
  sipUsername: string;
  sipHa1: string;
}

type Fields = { attribute: string; value: string }[];
const fields = (o: Record<string, string>): Fields => Object.entries(o).map(([attribute, value]) => ({ attribute, value }));

export class PhoneProvisioner {
  constructor(private readonly ari: AriClient, private readonly app: string, private readonly transport: string, private readonly codecs: string) {}

  async upsert(phone: PhoneAccount): Promise<void> {
    const id = phone.sipUsername;
    const put = (objectType: string, f: Fields) => this.ari.call('asterisk.updateObject', { configClass: 'res_pjsip', objectType, id, fields: f });
    await put('auth', fields({ auth_type: 'md5', username: id, md5_cred: phone.sipHa1 }));
    await put('aor', fields({ max_contacts: '1', remove_existing: 'yes', qualify_frequency: '0', minimum_expiration: '60', default_expiration: '300' }));
    await put('endpoint', fields({
      transport: this.transport, context: AGENT_CONTEXT, disallow: 'all', allow: this.codecs,
      auth: id, aors: id, identify_by: 'username', dtmf_mode: 'rfc4733', direct_media: 'no',
      rtp_symmetric: 'yes', force_rport: 'yes', rewrite_contact: 'yes', allow_subscribe: 'no',
      // Transfers are made through the API: a REFER from the phone is refused.
      allow_transfer: 'no', send_pai: 'yes', trust_id_outbound: 'yes',
      // The phone shows the caller when it rings; no re-INVITE to update it mid-call (a callback
      // or transfer joining the bridge), which some desk phones handle badly.
      send_connected_line: 'no',
    }));
  }

  async remove(sipUsername: string): Promise<void> {
    for (const objectType of ['endpoint', 'aor', 'auth']) {
      try {
        await this.ari.call('asterisk.deleteObject', { configClass: 'res_pjsip', objectType, id: sipUsername });
      } catch (err) {
        if (!(err instanceof AriHttpError && err.isNotFound)) throw err;
      }
    }
  }

  /** True when the phone has a registered contact. */
  async registered(sipUsername: string): Promise<boolean> {
    try {
      return (await this.ari.call('endpoints.get', { tech: 'PJSIP', resource: sipUsername })).state === 'online';
    } catch (err) {
      if (err instanceof AriHttpError && err.isNotFound) return false;
      throw err;
    }
  }

  /** Registration changes of this phone reach the app from now on. */
  async followRegistration(sipUsername: string): Promise<void> {
    await this.ari.call('applications.subscribe', { applicationName: this.app, eventSource: `endpoint:PJSIP/${sipUsername}` });
  }
}
