// A call's state kept in Asterisk, as channel variables, so that a restarted app can read it back:
// its ids and recording on the caller's channel, and the ACD's: on the caller's channel where the call waits (queue, since when, language, IVR choices: one
// variable, so one ARI request per queue entry) and when an agent answered; on an agent's leg,
// whose phone it is.
/** The call's id, on the caller's channel. */
export const CALL_ID_VARIABLE = 'CCAPP_CALL_ID';
/** When the call's recording started (epoch ms), on the caller's channel. */
export const RECORDING_AT_VARIABLE = 'CCAPP_RECORDING_AT';
/** Set by the dialplan on an inbound caller's channel: the tenant, line and DID it called. */
export const TENANT_VARIABLE = 'CCAPP_TENANT';
export const LINE_VARIABLE = 'CCAPP_LINE';
export const DID_VARIABLE = 'CCAPP_DID';
export const QUEUE_PLACE_VARIABLE = 'CCAPP_QUEUE';
export const ANSWERED_AT_VARIABLE = 'CCAPP_ANSWERED_AT';
export const AGENT_VARIABLE = 'CCAPP_AGENT_ID';

export interface QueuePlace {
  /** The core's queue id ("<tenant>/<queue>"). */
  queue: string;
  /** Entry into that queue, epoch ms. */
  since: number;
  language: string | null;
  choices: string[];
}

export const encodeQueuePlace = (p: QueuePlace): string => JSON.stringify(p);

/** The place read back from the channel; undefined when absent or not one we wrote. */
export function decodeQueuePlace(value: string | undefined): QueuePlace | undefined {
  if (!value) return undefined;
  try {
    const p = JSON.parse(value) as Partial<QueuePlace>;
    if (typeof p.queue !== 'string' || typeof p.since !== 'number' || !Array.isArray(p.choices)) return undefined;
    return { queue: p.queue, since: p.since, language: typeof p.language === 'string' ? p.language : null, choices: p.choices.filter((c): c is string => typeof c === 'string') };
  } catch {
    return undefined;
  }
}
