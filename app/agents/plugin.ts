// The agents capability: agents in MariaDB, their phones pushed to Asterisk, their feature codes
// and their API. The ACD shell is created by the composer (the IVR queues calls into it) and is
// its own plugin (app/acd/plugin.ts); this one loads the agents into it once MariaDB answers and
// pushes the phones after every connection to Asterisk.
import type { Plugin } from '@hapi/hapi';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AcdShell } from '../acd/shell/shell.js';
import { FEATURE_STASIS_KIND } from '../call-contract/stasis-kinds.js';
import type { Logger } from '../log/logger.js';
import type { MediaCore } from '../media/types.js';
import { MirrorLoader } from '../server/mirror-loader.js';
import type { AgentDirectory, AgentRecord } from './directory.js';
import { handleFeatureCode } from './features.js';
import { PhoneSync } from './phone-sync.js';
import type { PhoneProvisioner } from './phones.js';
import { agentRoutes } from './routes.js';

export interface AgentsOptions {
  directory: AgentDirectory;
  phones: PhoneProvisioner;
  acd: AcdShell;
  media: MediaCore;
  log: Logger;
  /** The tenants' configuration (the pause reasons agents may give). */
  tenants: readonly Tenant[];
}

export const agentsPlugin: Plugin<AgentsOptions> = {
  name: 'ccapp-agents',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { directory, phones, acd, media, log, tenants }) {
    const sync = new PhoneSync({ phones, agents: () => acd.agentList(), registered: (id, up) => acd.registration(id, up), log });
    const pushPhones = (): Promise<void> => (media.connected ? sync.sync() : Promise.resolve());
    const syncPhones = (): void => {
      pushPhones().catch((err: unknown) => log.error({ err: String(err) }, 'agents\' phones could not be pushed to Asterisk'));
    };
    // An agent made or removed through the API: answered once its phone is pushed (it can register).
    const reload = async (): Promise<void> => {
      await acd.loadAgents();
      await pushPhones();
    };
    server.route(agentRoutes({ directory, acd, reload, removePhone: (u) => phones.remove(u), tenants }));

    const mirror = {
      get revision() { return acd.revision; },
      replaceAll(agents: AgentRecord[]) {
        acd.replaceAll(agents);
        syncPhones();
      },
    };
    const loader = new MirrorLoader('agents', () => directory.all(), mirror, log);
    server.ext('onPreStart', async () => { await loader.start(); });
    const detach = media.subscribe((e) => {
      if (e.kind === 'connection' && e.up) {
        sync.forget();
        syncPhones();
      }
      else if (e.kind === 'channel.entered' && e.args[0] === FEATURE_STASIS_KIND) {
        handleFeatureCode(e.channel, e.args[1] ?? '', { acd, media, log }).catch((err: unknown) => log.error({ err: String(err) }, 'feature code failed'));
      }
    });
    server.events.on('stop', () => {
      loader.stop();
      detach();
    });
  },
};
