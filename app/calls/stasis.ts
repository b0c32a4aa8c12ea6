// Media events -> the call service. Every handler runs with a safety net: an error is logged
// with its context and never escapes into the event loop.
import type { Logger } from '../log/logger.js';
import type { MediaCore, MediaEvent } from '../media/types.js';
import type { CallService } from './service.js';

export function attachCallHandlers(media: MediaCore, calls: CallService, log: Logger): () => void {
  const guard = (what: string, ctx: object, p: Promise<void>): void => {
    p.catch((err: unknown) => log.error({ ...ctx, err: err instanceof Error ? err.stack : String(err) }, `${what} failed`));
  };
  return media.subscribe((e: MediaEvent) => {
    switch (e.kind) {
      case 'channel.entered':
        guard('StasisStart handler', { channelId: e.channel.id }, calls.onChannelEntered(e.channel, e.args));
        break;
      case 'dtmf':
        calls.onDigit(e.channelId, e.digit);
        break;
      case 'channel.destroyed':
        guard('hang-up handler', { channelId: e.channelId }, calls.onChannelDestroyed(e.channelId, e.cause, e.causeText));
        break;
      default:
        break;
    }
  });
}
