// One call as the app handles it: its ids (ours and Asterisk's), the AbortSignal that fires on
// hang-up, and the events it writes to the journal. Live state lives in Asterisk: the call id is
// also a channel variable, the bridge and recording names derive from it.
import { randomUUID } from 'node:crypto';
import type { CallJournal } from '../journal/journal.js';
import { DigitQueue } from './digits.js';
import { bridgeIdFor, recordingNameFor, snoopIdFor } from './ids.js';

export interface LiveRecording {
  name: string;
  startedAt: Date;
  snoopId: string;
  /** Asterisk said the recording failed mid-call (its file may be cut short). */
  failed?: string;
}

/** Every live recording of the process, by name: a failure Asterisk reports names only the recording. */
const liveRecordings = new Map<string, CallSession>();

/** A recording failed while live: written on its call, and closed as failed at the call's end. */
export function recordingFailed(name: string, cause: string): boolean {
  const session = liveRecordings.get(name);
  const rec = session?.recording;
  if (!session || !rec) return false;
  rec.failed = cause;
  session.event('recording.failed', { name, cause });
  return true;
}

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
  get recording(): LiveRecording | undefined {
    return this._recording;
  }

  set recording(rec: LiveRecording | undefined) {
    if (this._recording) liveRecordings.delete(this._recording.name);
    this._recording = rec;
    if (rec) liveRecordings.set(rec.name, this);
  }

  private _recording: LiveRecording | undefined;
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
