// One call as the app handles it: its ids (ours and Asterisk's), the AbortSignal that fires on
// hang-up, and the events it writes to the journal. Live state lives in Asterisk: the call id is
// also a channel variable, the bridge and recording names derive from it.
import { randomUUID } from 'node:crypto';
import type { CallJournal } from '../journal/journal.js';
import { DigitQueue } from './digits.js';

export const CALL_ID_VARIABLE = 'CCAPP_CALL_ID';

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

export interface CallSessionInit {
  callId: string;
  tenant: string;
  line: string;
  did: string;
  channelId: string;
  startedAt: Date;
  /** The caller's number as the carrier gave it ('' when withheld). */
  callerNumber?: string;
}

export class CallSession {
  readonly callId: string;
  readonly tenant: string;
  readonly line: string;
  readonly did: string;
  readonly channelId: string;
  readonly startedAt: Date;
  readonly callerNumber: string;
  readonly bridgeId: string;
  private readonly controller = new AbortController();
  readonly digits = new DigitQueue();
  private playbacks = 0;
  private events = 0;
  /** Set when the app (not the caller) ends the call. */
  hungUpByApp = false;
  /** Who ended the call when it was not the caller nor the app: the agent, the overflow's far end. */
  hungUpBy: string | undefined;
  /** The live recording: its name and the snoop channel it records (see startRecording). */
  recording: { name: string; startedAt: Date; snoopId: string } | undefined;
  hangup: { cause: number; causeText: string } | undefined;

  constructor(init: CallSessionInit, private readonly journal: CallJournal) {
    this.callId = init.callId;
    this.tenant = init.tenant;
    this.line = init.line;
    this.did = init.did;
    this.channelId = init.channelId;
    this.startedAt = init.startedAt;
    this.callerNumber = init.callerNumber ?? '';
    this.bridgeId = bridgeIdFor(init.callId);
  }

  /** Fires when the call is over: everything the flow started must stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  end(): void {
    this.controller.abort();
  }

  answered(at: Date = new Date()): void {
    this.journal.append({ kind: 'call-update', callId: this.callId, update: { answeredAt: at } });
    this.event('call.answered', undefined, at);
  }

  event(type: string, data?: Record<string, unknown>, at: Date = new Date()): void {
    this.journal.append({ kind: 'event', event: { id: randomUUID(), callId: this.callId, tenant: this.tenant, type, at, seq: ++this.events, ...(data ? { data } : {}) } });
  }

  /** After an app restart: the call's main recording, started at `startedAt`, is still live in Asterisk. */
  resumeRecording(startedAt: Date): void {
    this.recording = { name: recordingNameFor(this.tenant, this.callId), startedAt, snoopId: snoopIdFor(this.callId) };
  }

  /** A fresh playback id: subscribe-before-start needs ids of our own. */
  nextPlaybackId(): string {
    return `${this.callId}-p${++this.playbacks}`;
  }

  /** Context for every log line about this call. */
  get logContext(): Record<string, string> {
    return { callId: this.callId, tenant: this.tenant, line: this.line, channelId: this.channelId };
  }
}
