// The agent panel capability: what an agent's panel shows (the ACD's live state, completed from
// MariaDB), its actions (hold, resume, wrap-up), and the live socket `/api/live` on the server's
// listener (exposed as server.plugins['ccapp-panel'].live: `live.attach(server)` serves it on
// another HTTP or HTTPS server of the site). The panel follows the call journal's appends: its
// notes (the IVR path, callbacks, agents' last calls) and the changes it pushes.
import type { Plugin } from '@hapi/hapi';
import type { Sequelize } from 'sequelize';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AcdShell } from '../acd/shell/shell.js';
import { authorise, type OwnershipResolvers } from '../auth/access.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { TenantLookup } from '../auth/tenant-access.js';
import { NotFoundError } from '../errors/domain.js';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import type { OutboundService } from '../outbound/service.js';
import { PanelChanges } from './changes.js';
import { LiveServer } from './live.js';
import { LiveNotes } from './notes.js';
import { PANEL_ACCESS, panelRoutes } from './routes.js';
import { PanelService } from './service.js';
import { PanelStore } from './store.js';
import { WrapupService } from './wrapup.js';

export interface PanelOptions {
  acd: AcdShell;
  journal: CallJournal;
  sequelize: Sequelize;
  tenants: readonly Tenant[];
  /** The auth plugin's tenant lookup and object owners: the live socket authorises as the routes do. */
  lookup: TenantLookup;
  owners: OwnershipResolvers;
  log: Logger;
  /** Ping and debounce periods of the live socket (20 s, 100 ms); tests shorten them. */
  live?: { pingMs?: number; debounceMs?: number };
}

declare module '@hapi/hapi' {
  interface PluginProperties {
    'ccapp-panel': { live: LiveServer; panels: PanelService };
  }
}

/** What the panel reads of other plugins' exposures. */
type Exposed = {
  'ccapp-auth'?: { authenticator?: Authenticator };
  'ccapp-outbound'?: { service?: Pick<OutboundService, 'followed'> };
};

export const panelPlugin: Plugin<PanelOptions> = {
  name: 'ccapp-panel',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { acd, journal, sequelize, tenants, lookup, owners, log, live: timing }) {
    const exposed = server.plugins as Exposed;
    const authenticator = exposed['ccapp-auth']?.authenticator;
    if (!authenticator) throw new Error('the panel needs the auth plugin\'s authenticator');
    // Click-to-calls under way, when the outbound plugin is registered.
    const outbound = () => exposed['ccapp-outbound']?.service?.followed() ?? [];

    const notes = new LiveNotes();
    const changes = new PanelChanges();
    const stopNotes = journal.watch((entries) => notes.observe(entries));
    const stopChanges = journal.watch((entries) => changes.observe(entries));
    const store = new PanelStore(sequelize);
    const panels = new PanelService({ acd, outbound, notes, store, tenants });
    const wrapups = new WrapupService({ acd, outbound, store, journal, tenants, panels });
    server.route(panelRoutes({ panels, wrapups, acd, isOutbound: (callId) => outbound().some((c) => c.callId === callId) }));

    const liveServer = new LiveServer({
      authenticator, changes, log, ...timing,
      build: (tenant, agentId) => panels.build(tenant, agentId),
      async authorise(identity, tenant, agentId) {
        const ref = await authorise(identity, PANEL_ACCESS, { tenant, agentId }, { lookup, owners }, 'watch the agent panel');
        if (!ref) throw new NotFoundError('tenant.not_found', `no tenant "${tenant}"`, { tenant });
        return ref;
      },
    });
    liveServer.attach(server.listener);
    server.expose('live', liveServer);
    server.expose('panels', panels);
    server.ext('onPreStop', async () => {
      await liveServer.close();
      stopNotes();
      stopChanges();
    });
  },
};
