// What the call side (app/calls: the IVR) and the ACD (app/acd) ask of each other, as types
// only: the IVR hands a call to a queue through the QueueDoor, and the ACD records a call through
// the call side's recording (RecordingPart). Neither imports the other.
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { CallSession } from './session.js';

/** A call found in Asterisk after a restart, waiting in a queue or talking with an agent. */
export interface AdoptedCall {
  session: CallSession;
  tenant: Tenant;
  language: string | null;
  choices: readonly string[];
  /** The core's queue id and when the call entered it (epoch ms). */
  queue: string;
  enteredAt: number;
  connected: { agentId: string; legChannelId: string; answeredAt: number } | null;
}

/** Where a call the IVR sends to a queue goes: the ACD (app/acd/shell). */
export interface QueueDoor {
  enqueue(call: { session: CallSession; tenant: Tenant; language: string | null; choices: readonly string[] }, queue: string): void;
  /** The caller's channel is gone: called before the call's hang-up is written. */
  callerGone(callId: string): void;
  /** Calls found waiting or talking after a restart (see AcdShell.adopt). */
  adopt(list: readonly AdoptedCall[]): void;
  /** Whether the ACD follows this leg (an agent's phone or an overflow call it placed). */
  followsLeg(channelId: string): boolean;
  /** After a reconnection: legs that ended while the app was away are closed. */
  legsGoneExcept(live: ReadonlySet<string>): void;
  /** After a reconciliation: work that needs the live calls taken back first (pending callbacks). */
  reconciled?(): Promise<void>;
}

/** A recording of part of a call (a callback's conversation): its own name suffix, channel and end. */
export interface RecordingPart {
  suffix?: string;
  /** The channel whose both directions are recorded (the caller's by default). */
  channelId?: string;
  /** Fires when that part is over (the call's end by default). */
  ended?: AbortSignal;
}
