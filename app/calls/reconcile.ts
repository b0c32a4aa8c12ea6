// After every (re)connection to Asterisk: compare what we track with what Asterisk has.
// Events of a disconnected Stasis app are dropped, so a call may have ended (or, after an app
// restart, be unknown to us) while we were away. Asterisk's picture wins.
import type { Logger } from '../log/logger.js';
import type { ChannelInfo, MediaCore } from '../media/types.js';
import type { CallService } from './service.js';
import { parseLegId } from '../call-contract/ids.js';
import { CALL_ID_VARIABLE } from '../call-contract/variables.js';
import { bridgeIdFor, parseSnoopId } from '../call-contract/ids.js';

/**
 * `legs` tells whether the ACD already follows a leg (after a mere reconnection it does); after a
 * restart it follows none, and a leg outside any call's bridge was ringing: it is hung up.
 */
/** The Stasis arguments of a channel sitting in `Stasis(<app>,inbound,...)`, read from its dialplan location. */
export function inboundArgsOf(channel: ChannelInfo, app: string): string[] | undefined {
  if (channel.app?.name !== 'Stasis') return undefined;
  const [name, ...args] = channel.app.data.split(',');
  return name === app && args[0] === 'inbound' ? args : undefined;
}

export async function reconcile(media: MediaCore, calls: CallService, log: Logger, app: string, legs?: (channelId: string) => boolean): Promise<{ ended: number; adopted: number; bridgesRemoved: number; legsDropped: number; live: Set<string> }> {
  const started = Date.now();
  const [channels, bridges] = await Promise.all([media.listChannels(), media.listBridges()]);
  const live = new Set(channels.map((c) => c.id));

  let ended = 0;
  for (const channelId of calls.trackedChannelIds()) {
    if (live.has(channelId)) continue;
    await calls.closeCall(channelId, 0, 'ended while the app was disconnected from Asterisk');
    ended++;
  }

  let adopted = 0;
  let recovered = 0;
  const adoptedLegs = new Set<string>();
  for (const channel of channels) {
    if (calls.isTracked(channel.id) || parseLegId(channel.id) || parseSnoopId(channel.id)) continue;
    const callId = await media.getVariable(channel.id, CALL_ID_VARIABLE);
    if (!callId) {
      // A caller in our app whose StasisStart we never handled (lost with the socket): taken now.
      const args = inboundArgsOf(channel, app);
      if (args) {
        log.warn({ channelId: channel.id, state: channel.state, args }, 'caller found in our application with no call of ours: taken as a new call');
        void calls.onChannelEntered(channel, args, true).catch((err: unknown) => log.error({ channelId: channel.id, err: String(err) }, 'recovered call failed'));
        recovered++;
      }
      continue;
    }
    const bridge = bridges.find((b) => b.id === bridgeIdFor(callId) && b.channelIds.includes(channel.id));
    for (const id of bridge?.channelIds ?? []) adoptedLegs.add(id);
    await calls.adopt(channel, callId, bridge);
    adopted++;
  }

  // An agent's phone that was ringing when the app stopped: the call is offered again instead.
  let legsDropped = 0;
  for (const channel of channels) {
    if (!parseLegId(channel.id) || adoptedLegs.has(channel.id) || legs?.(channel.id)) continue;
    await media.hangup(channel.id, 'normal');
    legsDropped++;
  }

  let bridgesRemoved = 0;
  for (const b of bridges) {
    if (b.id.startsWith('call-') && b.channelIds.length === 0) {
      await media.destroyBridge(b.id);
      bridgesRemoved++;
    }
  }
  if (ended || adopted || recovered || bridgesRemoved || legsDropped) {
    log.info({ ended, adopted, recovered, bridgesRemoved, legsDropped, channels: channels.length, bridges: bridges.length, durationMs: Date.now() - started }, 'reconciled calls with Asterisk');
  }
  return { ended, adopted, bridgesRemoved, legsDropped, live };
}
