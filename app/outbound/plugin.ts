// The click-to-call capability (outbound calls placed for an agent through the API): its route,
// and the media core's events for outbound legs. Channels entering our app with the Stasis kind
// `outbound-leg` are ours; the driver's dial waits for their entry itself, so their state and
// hang-up events are all we follow. Other channels are ignored here.
import type { Plugin } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { AgentDirectory } from '../agents/directory.js';
import type { DiallingGuard } from '../dialling/guard.js';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import type { MediaCore } from '../media/types.js';
import { reconcileOutbound } from './reconcile.js';
import { outboundRoutes } from './routes.js';
import { OutboundService } from './service.js';

export interface OutboundOptions {
  models: Pick<Models, 'Tenant'>;
  directory: AgentDirectory;
  acd: AcdShell;
  media: MediaCore;
  journal: CallJournal;
  log: Logger;
  tenants: readonly Tenant[];
  /** The trunk's PJSIP endpoint name. */
  trunk: string;
  recordingsDir: string;
  /** The dialling guard (policy and outbound caps); by default the ACD shell's, shared with it. */
  dialling?: DiallingGuard;
}

export const outboundPlugin: Plugin<OutboundOptions> = {
  name: 'ccapp-outbound',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, opts) {
    const { media, log } = opts;
    const service = new OutboundService(opts);
    server.route(outboundRoutes({ service, directory: opts.directory, tenants: opts.tenants }));
    const detach = media.subscribe((e) => {
      if (e.kind === 'connection') {
        if (e.up) reconcileOutbound(media, service, log).catch((err: unknown) => log.error({ err: String(err) }, 'reconciliation of outbound calls failed'));
        return;
      }
      try {
        service.handleMedia(e);
      } catch (err) {
        log.error({ event: e.kind, err: err instanceof Error ? err.stack : String(err) }, 'outbound event handler failed');
      }
    });
    server.expose('service', service);
    server.events.on('stop', () => {
      detach();
      service.stop();
    });
  },
};
