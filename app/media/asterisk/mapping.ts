// Translates ARI's models and events into the media core's own vocabulary.
import type { AriEvent, Bridge, Channel } from '../../ari/generated/ari.js';
import type { BridgeInfo, ChannelInfo, MediaEvent } from '../types.js';

export function toChannelInfo(c: Channel): ChannelInfo {
  return {
    id: c.id,
    name: c.name,
    state: c.state,
    callerNumber: c.caller.number,
    callerName: c.caller.name,
    dialed: c.dialplan.exten,
    createdAt: c.creationtime,
    ...(c.dialplan.app_name ? { app: { name: c.dialplan.app_name, data: c.dialplan.app_data ?? '' } } : {}),
  };
}

export function toBridgeInfo(b: Bridge): BridgeInfo {
  return { id: b.id, kind: b.bridge_type, channelIds: b.channels };
}

/** The channel-level events the rest of the app needs; the others stay inside the driver. */
export function toMediaEvent(e: AriEvent): MediaEvent | undefined {
  switch (e.type) {
    case 'StasisStart':
      return { kind: 'channel.entered', channel: toChannelInfo(e.channel), args: e.args };
    case 'StasisEnd':
      return { kind: 'channel.left', channelId: e.channel.id };
    case 'ChannelDestroyed':
      return { kind: 'channel.destroyed', channelId: e.channel.id, cause: e.cause, causeText: e.cause_txt };
    case 'ChannelStateChange':
      return { kind: 'channel.state', channelId: e.channel.id, state: e.channel.state };
    case 'EndpointStateChange':
      return { kind: 'endpoint.state', technology: e.endpoint.technology, resource: e.endpoint.resource, state: e.endpoint.state ?? 'unknown' };
    case 'ChannelHold':
      return { kind: 'channel.hold', channelId: e.channel.id, held: true };
    case 'ChannelUnhold':
      return { kind: 'channel.hold', channelId: e.channel.id, held: false };
    case 'ChannelDtmfReceived':
      return { kind: 'dtmf', channelId: e.channel.id, digit: e.digit, durationMs: e.duration_ms };
    default:
      return undefined;
  }
}
