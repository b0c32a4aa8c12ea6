// After every (re)connection to Asterisk: compare what we track with what Asterisk has.
// Events of a disconnected Stasis app are dropped, so a call may have ended (or, after an app
// restart, be unknown to us) while we were away. Asterisk's picture wins.
import type { Logger } from '../log/logger.js';
import type { MediaCore } from '../media/types.js';
import type { CallService } from './service.js';
import { CALL_ID_VARIABLE, bridgeIdFor } from './session.js';

export async function reconcile(media: MediaCore, calls: CallService, log: Logger): Promise<{ ended: number; adopted: number; bridgesRemoved: number }> {
  const [channels, bridges] = await Promise.all([media.listChannels(), media.listBridges()]);
  const live = new Set(channels.map((c) => c.id));

  let ended = 0;
  for (const channelId of calls.trackedChannelIds()) {
    if (live.has(channelId)) continue;
    await calls.closeCall(channelId, 0, 'ended while the app was disconnected from Asterisk');
    ended++;
  }

  let adopted = 0;
  for (const channel of channels) {
    if (calls.isTracked(channel.id)) continue;
    const callId = await media.getVariable(channel.id, CALL_ID_VARIABLE);
    if (!callId) continue;
    // A bridged call may be recording (it depends on how far its flow went): closing it looks.
    const bridged = bridges.some((b) => b.id === bridgeIdFor(callId) && b.channelIds.includes(channel.id));
    await calls.adopt(channel, callId, bridged);
    adopted++;
  }

  let bridgesRemoved = 0;
  for (const b of bridges) {
    if (b.id.startsWith('call-') && b.channelIds.length === 0) {
      await media.destroyBridge(b.id);
      bridgesRemoved++;
    }
  }
  if (ended || adopted || bridgesRemoved) log.info({ ended, adopted, bridgesRemoved, channels: channels.length, bridges: bridges.length }, 'reconciled calls with Asterisk');
  return { ended, adopted, bridgesRemoved };
}
