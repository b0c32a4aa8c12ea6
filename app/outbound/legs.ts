// The two channels of a click-to-call: the agent's phone (`oa-<call id>-1`), rung first, and the
// customer's number through the trunk (`oc-<call id>-1`). Their ids derive from the call id, so
// that after an app restart the channels Asterisk still holds say which call they belong to.
// They enter our Stasis app with the arguments `outbound-leg,<call id>`.

export type OutboundLegKind = 'agent' | 'customer';

const PREFIX: Record<OutboundLegKind, string> = { agent: 'oa', customer: 'oc' };

export const legIdFor = (kind: OutboundLegKind, callId: string): string => `${PREFIX[kind]}-${callId}-1`;

/** The call and side a channel id names; undefined for any channel that is not an outbound leg. */
export function parseOutboundLegId(channelId: string): { kind: OutboundLegKind; callId: string } | undefined {
  const m = /^(oa|oc)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-1$/.exec(channelId);
  if (!m) return undefined;
  return { kind: m[1] === 'oa' ? 'agent' : 'customer', callId: m[2] ?? '' };
}
