// The ACD as its own capability: the shell (created by the composer, since the IVR queues calls
// into it and the agents' side loads agents into it) hears every media event it follows, its call
// API (transfers, consultations) is served, and it stops with the server. Agents, their phones and
// feature codes are the agents' capability (app/agents/plugin.ts).
import type { Plugin } from '@hapi/hapi';
import type { Logger } from '../log/logger.js';
import type { MediaCore } from '../media/types.js';
import { acdRoutes } from './shell/routes.js';
import type { AcdShell } from './shell/shell.js';

export interface AcdOptions {
  acd: AcdShell;
  media: MediaCore;
  log: Logger;
}

export const acdPlugin: Plugin<AcdOptions> = {
  name: 'ccapp-acd',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { acd, media, log }) {
    server.route(acdRoutes({ acd }));
    const detach = media.subscribe((e) => {
      // Channels entering the app are the call service's, the agents' or the click-to-call's.
      if (e.kind === 'channel.entered' || e.kind === 'connection') return;
      try {
        acd.handleMedia(e);
      } catch (err) {
        log.error({ event: e.kind, err: err instanceof Error ? err.stack : String(err) }, 'ACD event handler failed');
      }
    });
    server.expose('acd', acd);
    server.events.on('stop', () => {
      detach();
      acd.stop();
    });
  },
};
