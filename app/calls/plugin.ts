// The calls capability: routes media events to the call service and reconciles with Asterisk
// after every (re)connection of the event socket.
import type { Plugin } from '@hapi/hapi';
import { reconcile } from './reconcile.js';
import { CallService, type CallServiceDeps } from './service.js';
import { attachCallHandlers } from './stasis.js';

/**
 * Asterisk's picture first (calls adopted, legs closed), then the database's: calls it holds
 * open whose channel is gone ended while the app was down (once the spool is written, so that a
 * call the previous process opened is seen).
 */
async function afterConnection(calls: CallService, deps: CallsOptions): Promise<void> {
  const { live } = await reconcile(deps.media, calls, deps.log, deps.app, (id) => deps.queues.followsLeg(id));
  deps.queues.legsGoneExcept(live);
  await deps.queues.reconciled?.();
  if (!deps.openCalls) return;
  await deps.journal.idle();
  const vanished = (await deps.openCalls()).filter((c) => !live.has(c.channelId));
  if (vanished.length) deps.log.info({ calls: vanished.map((c) => c.id) }, 'calls that ended while the app was down: hang-up written');
  calls.closeVanished(vanished);
}

export interface CallsOptions extends CallServiceDeps {
  /** Our Stasis application's name. */
  app: string;
  /** Calls the database holds open on this site, with their caller's channel id. */
  openCalls?: () => Promise<{ id: string; tenant: string; channelId: string }[]>;
}

export const callsPlugin: Plugin<CallsOptions> = {
  name: 'ccapp-calls',
  register(server, deps) {
    const calls = new CallService(deps);
    const detachCalls = attachCallHandlers(deps.media, calls, deps.log);
    const detachReconcile = deps.media.subscribe((e) => {
      if (e.kind !== 'connection' || !e.up) return;
      afterConnection(calls, deps).catch((err: unknown) => deps.log.error({ err: String(err) }, 'reconciliation with Asterisk failed'));
    });
    server.expose('service', calls);
    server.events.on('stop', () => {
      detachCalls();
      detachReconcile();
    });
  },
};
