// What the call journal writes to MariaDB: calls, their events and recordings, and agents' own
// events. Every entry carries the ids the app generated, so writing it twice changes nothing:
// retries after a database outage, or a replay of the spool after a crash, cannot duplicate a row.

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

/** What happened to an agent outside any call: login, logout, pause (with its reason), unpause,
 * registration up or down, the ACD's no-answer pause. */
export interface AgentEventEntry {
  id: string;
  tenant: string;
  /** At most 36 ASCII characters (agent_events.agent_id). */
  agentId: string;
  type: string;
  at: Date;
  data?: Record<string, unknown>;
}

export type JournalEntry =
  | { kind: 'call'; call: CallOpened }
  | { kind: 'call-update'; callId: string; update: CallUpdate }
  | { kind: 'event'; event: CallEventEntry }
  | { kind: 'recording'; recording: RecordingEntry }
  | { kind: 'agent-event'; event: AgentEventEntry };

/** Each kind and the field holding its payload (the spool checks replayed lines with it). */
export const ENTRY_PAYLOAD: Record<JournalEntry['kind'], string> = {
  call: 'call', 'call-update': 'update', event: 'event', recording: 'recording', 'agent-event': 'event',
};

/** What writing a batch cost the database, when the store knows. */
export interface JournalWrite {
  /** Transactions committed (1 for a batch). */
  transactions: number;
  /** Statements they sent, START TRANSACTION and COMMIT included. */
  statements: number;
}

/** Where entries go. apply() must be idempotent and all-or-nothing for a batch. */
export interface JournalStore {
  apply(entries: readonly JournalEntry[]): Promise<JournalWrite | void>;
}
