// After every (re)connection to Asterisk, outbound calls are compared with the channels Asterisk
// holds (events of a disconnected Stasis app are dropped, never replayed). A leg we follow that is
// gone ended meanwhile. After an app restart, outbound legs we do not follow are taken back from
// the agent's channel variable: a conversation goes on as it was, a call still ringing is ended.
// Legs that carry no call we can rebuild are hung up. Last, agents left paused `outbound` with no
// call behind them are made available again.
//
// Outbound legs carry no CCAPP_CALL_ID, so app/calls/reconcile.ts leaves them alone; the call's
// row names the agent's leg as its channel, so a call whose agent leg vanished while the app was
// down is closed by the call service's closeVanished, not here.
import { RECORDING_AT_VARIABLE } from '../call-contract/variables.js';
import { bridgeIdFor } from '../call-contract/ids.js';
import type { Logger } from '../log/logger.js';
import type { ChannelInfo, MediaCore } from '../media/types.js';
import type { LegState } from './call.js';
import { parseOutboundLegId } from './legs.js';
import type { OutboundService } from './service.js';
import { decodePlace, OUTBOUND_VARIABLE } from './variables.js';

const DISCONNECTED = 'ended while the app was disconnected from Asterisk';

/** A live channel's leg state, once our app watches it again ('gone' when it ended meanwhile). */
async function watched(media: MediaCore, channel: ChannelInfo | undefined): Promise<LegState> {
  if (!channel) return 'none';
  if (!(await media.watch(channel.id))) return 'gone';
  if (channel.state === 'Up') return 'up';
  return channel.state === 'Ringing' || channel.state === 'Ring' ? 'ringing' : 'dialling';
}

export async function reconcileOutbound(media: MediaCore, service: OutboundService, log: Logger): Promise<{ ended: number; adopted: number; dropped: number; released: number }> {
  const [channels, bridges] = await Promise.all([media.listChannels(), media.listBridges()]);
  const live = new Map(channels.map((c) => [c.id, c]));

  let ended = 0;
  for (const call of service.followed()) {
    for (const kind of call.liveLegs()) {
      if (live.has(call.legId(kind))) continue;
      call.onGone(call.legId(kind), 0, DISCONNECTED, 'unknown');
      ended++;
    }
  }

  // Legs we do not follow, by call.
  const unknown = new Map<string, { agent?: ChannelInfo; customer?: ChannelInfo }>();
  for (const channel of channels) {
    const leg = parseOutboundLegId(channel.id);
    if (!leg || service.callOf(channel.id)) continue;
    unknown.set(leg.callId, { ...unknown.get(leg.callId), [leg.kind]: channel });
  }

  let adopted = 0;
  let dropped = 0;
  for (const [callId, legs] of unknown) {
    const place = legs.agent ? decodePlace(await media.getVariable(legs.agent.id, OUTBOUND_VARIABLE)) : undefined;
    const bridge = bridges.find((b) => b.id === bridgeIdFor(callId));
    let taken = false;
    if (place?.callId === callId && legs.agent) {
      const recordingAt = bridge ? await media.getVariable(legs.agent.id, RECORDING_AT_VARIABLE) : undefined;
      const state = { agent: await watched(media, legs.agent), customer: await watched(media, legs.customer), customerInBridge: !!legs.customer && !!bridge?.channelIds.includes(legs.customer.id) };
      taken = service.adopt(place, state, recordingAt ? new Date(Number(recordingAt)) : undefined);
    }
    if (taken) {
      adopted++;
      continue;
    }
    for (const channel of [legs.agent, legs.customer]) if (channel) await media.hangup(channel.id, 'normal');
    dropped++;
  }

  const released = service.releaseStalePauses();
  if (ended || adopted || dropped || released.length) log.info({ ended, adopted, dropped, released }, 'reconciled outbound calls with Asterisk');
  return { ended, adopted, dropped, released: released.length };
}
