// What a click-to-call owns in Asterisk, for the sweep (app/sweep): its two legs, its recording's
// snoop and its bridge, while the call is followed.
import { callIdOfBridge, parseSnoopId } from '../call-contract/ids.js';
import type { Owner } from '../sweep/sweep.js';
import type { OutboundService } from './service.js';

export function outboundOwner(service: OutboundService): Owner {
  const followed = (callId: string | undefined): boolean => callId !== undefined && service.follows(callId);
  return {
    name: 'outbound',
    ownsChannel: (c) => service.callOf(c.id) !== undefined || followed(parseSnoopId(c.id)),
    ownsBridge: (id) => followed(callIdOfBridge(id)),
  };
}
