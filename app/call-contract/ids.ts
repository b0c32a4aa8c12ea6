// The names of what the app makes in Asterisk, derived from the call id so that a restarted app
// reads back from Asterisk's own lists which call each channel, bridge and recording belongs to:
// the call's bridge `call-<id>`, its recording `<tenant>/<id>` and the snoop that records it
// `sn-<id>[-<part>]`, and the legs the ACD places `<ag|ov|tr|cs|cb>-<id>-<n>`. Queue ids are per
// tenant in the configuration; the ACD core sees "<tenant>/<queue>".
export const bridgeIdFor = (callId: string): string => `call-${callId}`;
/** The call whose bridge this is (`call-<id>`). */
export const callIdOfBridge = (bridgeId: string): string | undefined => /^call-([0-9a-f-]{36})$/.exec(bridgeId)?.[1];
/** The snoop that records a call (`suffix`: a callback's conversation, recorded on its own). */
export const snoopIdFor = (callId: string, suffix?: string): string => `sn-${callId}${suffix ? `-${suffix}` : ''}`;
/** The call a snoop channel records, from its id. */
export function parseSnoopId(channelId: string): string | undefined {
  return /^sn-([0-9a-f-]{36})(?:-[a-z0-9-]+)?$/.exec(channelId)?.[1];
}
export const recordingNameFor = (tenant: string, callId: string): string => `${tenant}/${callId}`;

export type LegKind = 'agent' | 'overflow' | 'transfer' | 'consult' | 'callback';
const PREFIX: Record<LegKind, string> = { agent: 'ag', overflow: 'ov', transfer: 'tr', consult: 'cs', callback: 'cb' };
const KIND_OF: Record<string, LegKind> = { ag: 'agent', ov: 'overflow', tr: 'transfer', cs: 'consult', cb: 'callback' };

export const legIdFor = (kind: LegKind, callId: string, n: number): string => `${PREFIX[kind]}-${callId}-${n}`;

/** Legs are named `<ag|ov|tr|cs|cb>-<call id>-<n>`: the call id and kind come back from the name. */
export function parseLegId(channelId: string): { kind: LegKind; callId: string } | undefined {
  const m = /^(ag|ov|tr|cs|cb)-([0-9a-f-]{36})-\d+$/.exec(channelId);
  const kind = m ? KIND_OF[m[1] ?? ''] : undefined;
  return m && kind ? { kind, callId: m[2] ?? '' } : undefined;
}

export const coreQueueId = (tenant: string, queue: string): string => `${tenant}/${queue}`;

/** "habitat/technique" -> "technique". */
export function localQueueId(id: string): string {
  const i = id.indexOf('/');
  return i < 0 ? id : id.slice(i + 1);
}
