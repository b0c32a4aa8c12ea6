// The calls capability: routes media events to the call service and reconciles with Asterisk
// after every (re)connection of the event socket.
import type { Plugin } from '@hapi/hapi';
import { reconcile } from './reconcile.js';
import { CallService, type CallServiceDeps } from './service.js';
import { attachCallHandlers } from './stasis.js';

export const callsPlugin: Plugin<CallServiceDeps> = {
  name: 'ccapp-calls',
  register(server, deps) {
    const calls = new CallService(deps);
    const detachCalls = attachCallHandlers(deps.media, calls, deps.log);
    const detachReconcile = deps.media.subscribe((e) => {
      if (e.kind !== 'connection' || !e.up) return;
      reconcile(deps.media, calls, deps.log).catch((err: unknown) => deps.log.error({ err: String(err) }, 'reconciliation with Asterisk failed'));
    });
    server.expose('service', calls);
    server.events.on('stop', () => {
      detachCalls();
      detachReconcile();
    });
  },
};
