// What a click-to-call keeps in Asterisk, on the agent's channel, so that a restarted app can take
// the call back: its ids, the agent, the number, and the state to give the agent back afterwards
// (one JSON variable, set when the channel is created). The recording's start is on the same
// channel (CCAPP_RECORDING_AT, written by startRecording), and so is the customer's answer.
import type { PriorPresence } from './agent-state.js';

export const OUTBOUND_VARIABLE = 'CCAPP_OUTBOUND';
/** When the customer answered (epoch ms), on the agent's channel: the ACD's own name for an answer. */
export { ANSWERED_AT_VARIABLE } from '../call-contract/variables.js';

export interface OutboundPlace {
  callId: string;
  tenant: string;
  line: string;
  did: string;
  agentId: string;
  /** The digits sent to the trunk. */
  number: string;
  prior: PriorPresence;
  /** When the call was requested, epoch ms. */
  startedAt: number;
}

export const encodePlace = (p: OutboundPlace): string => JSON.stringify(p);

/** The place read back from the channel; undefined when absent or not one we wrote. */
export function decodePlace(value: string | undefined): OutboundPlace | undefined {
  if (!value) return undefined;
  try {
    const p = JSON.parse(value) as Partial<OutboundPlace>;
    const strings = [p.callId, p.tenant, p.line, p.did, p.agentId, p.number];
    if (!strings.every((s) => typeof s === 'string' && s !== '') || typeof p.startedAt !== 'number') return undefined;
    const prior: PriorPresence = p.prior?.state === 'paused' && typeof p.prior.reason === 'string' ? { state: 'paused', reason: p.prior.reason } : { state: 'available' };
    return { ...(p as OutboundPlace), prior };
  } catch {
    return undefined;
  }
}
