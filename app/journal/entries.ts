// What the call journal writes to MariaDB. Every entry carries the ids the app generated, so
// writing it twice changes nothing: retries after a database outage cannot duplicate a row.

export interface CallOpened {
  id: string;
  tenant: string;
  line: string;
  did: string;
  direction: 'inbound' | 'outbound';
  callerId: string | null;
  channelId: string;
  startedAt: Date;
}

export interface CallUpdate {
  answeredAt?: Date;
  endedAt?: Date;
  hangupCause?: number;
  hangupReason?: string;
}

export interface CallEventEntry {
  id: string;
  callId: string;
  tenant: string;
  type: string;
  at: Date;
  /** Rank within the call: events in the same millisecond keep their order. */
  seq: number;
  data?: Record<string, unknown>;
}

export interface RecordingEntry {
  id: string;
  callId: string;
  tenant: string;
  name: string;
  path: string;
  format: string;
  startedAt: Date;
  durationMs: number | null;
  sizeBytes: number | null;
  sha256: string | null;
}

export type JournalEntry =
  | { kind: 'call'; call: CallOpened }
  | { kind: 'call-update'; callId: string; update: CallUpdate }
  | { kind: 'event'; event: CallEventEntry }
  | { kind: 'recording'; recording: RecordingEntry };

/** Where entries go. apply() must be idempotent and all-or-nothing for a batch. */
export interface JournalStore {
  apply(entries: readonly JournalEntry[]): Promise<void>;
}
