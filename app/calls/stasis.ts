// Media events -> the call service. Every handler runs with a safety net: an error is logged
// with its context and never escapes into the event loop.
import type { Logger } from '../log/logger.js';
import { ACD_STASIS_KIND, FEATURE_STASIS_KIND, INBOUND_STASIS_KIND, SNOOP_STASIS_KIND } from '../call-contract/stasis-kinds.js';
import type { MediaCore, MediaEvent } from '../media/types.js';
import { OUTBOUND_STASIS_KIND } from '../call-contract/stasis-kinds.js';
import type { CallService } from './service.js';
import { recordingFailed } from '../call-contract/session.js';

const KNOWN_ELSEWHERE = new Set([ACD_STASIS_KIND, FEATURE_STASIS_KIND, OUTBOUND_STASIS_KIND, SNOOP_STASIS_KIND]);

export function attachCallHandlers(media: MediaCore, calls: CallService, log: Logger): () => void {
  const guard = (what: string, ctx: object, p: Promise<void>): void => {
    p.catch((err: unknown) => log.error({ ...ctx, err: err instanceof Error ? err.stack : String(err) }, `${what} failed`));
  };
  return media.subscribe((e: MediaEvent) => {
    switch (e.kind) {
      case 'channel.entered':
        // Legs the ACD dials and feature codes belong to the agents' side (app/agents/plugin.ts),
        // click-to-call legs to app/outbound; anything else we do not route is hung up by the call service.
        if (e.args[0] !== undefined && e.args[0] !== INBOUND_STASIS_KIND && KNOWN_ELSEWHERE.has(e.args[0])) break;
        guard('StasisStart handler', { channelId: e.channel.id }, calls.onChannelEntered(e.channel, e.args));
        break;
      case 'dtmf':
        calls.onDigit(e.channelId, e.digit);
        break;
      case 'recording.failed':
        if (!recordingFailed(e.name, e.cause)) log.warn({ name: e.name, cause: e.cause }, 'a recording no call of ours holds failed');
        else log.error({ name: e.name, cause: e.cause }, 'recording failed mid-call');
        break;
      case 'channel.destroyed':
        guard('hang-up handler', { channelId: e.channelId }, calls.onChannelDestroyed(e.channelId, e.cause, e.causeText));
        break;
      default:
        break;
    }
  });
}
