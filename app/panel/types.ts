// The agent panel as the web API gives it (docs/web-api.md, "The agent panel": the contract the
// front end in web/ reads): the agent, its queues, the call it is offered or talking on with the
// caller's way through the IVR and previous calls, the wrap-up, colleagues, callbacks, the lines it
// may call out on, and the reasons to choose from. Times are ISO instants; the front end shows
// them in `timezone`, the tenant's.
import type { Labels } from './reasons.js';

export type { Labels };

export type PanelAgentState = 'logged_out' | 'available' | 'paused' | 'ringing' | 'talking' | 'wrapup';

export type IvrStep =
  | { kind: 'language'; language: string }
  /** `flow` names the tenant's flow; `choice` is where the key led, as the agent reads it (a queue's label), when known. */
  | { kind: 'key'; menu: string; key: string; flow?: string; choice?: string }
  | { kind: 'calendar'; calendar: string; decision: 'open' | 'closed' | 'holiday' | 'closure' };

export type CallOutcome = 'answered' | 'abandoned' | 'ivr' | 'callback' | 'overflowed' | 'outbound' | 'other';

export interface HistoryRow {
  callId: string;
  at: string;
  /** The line's label. */
  line: string;
  outcome: CallOutcome;
  /** The name of the agent who answered. */
  agent: string | null;
}

export interface CallView {
  id: string;
  direction: 'inbound' | 'outbound';
  state: 'ringing' | 'talking' | 'held' | 'consulting';
  /** null when withheld. */
  callerNumber: string | null;
  line: { id: string; label: string };
  did: string;
  language: 'fr' | 'ar' | 'en' | null;
  ivrPath: IvrStep[];
  queue: { id: string; label: string } | null;
  queuedAt: string | null;
  /** Once answered: from the queue entry to the answer. */
  waitedSeconds: number | null;
  answeredAt: string | null;
  recording: 'recording' | 'off' | 'opted_out';
  /** `target`: a colleague's login, or the number. */
  consult: { target: string; state: 'ringing' | 'talking' } | null;
  history: HistoryRow[];
}

export interface Panel {
  agent: {
    id: string; login: string; name: string;
    state: PanelAgentState;
    pauseReason: string | null;
    wrapupEndsAt: string | null;
    registered: boolean;
  };
  pauseReasons: { code: string; label: Labels }[];
  queues: { id: string; label: string; waiting: number; oldestWaitingSince: string | null }[];
  call: CallView | null;
  /** The call to wrap up: during the ACD's wrap-up (`endsAt`), then until saved or another call comes (`endsAt` null). */
  wrapup: { callId: string; endsAt: string | null; saved: boolean } | null;
  colleagues: { id: string; login: string; name: string; state: PanelAgentState; registered: boolean }[];
  /** The reasons of the line of the call shown, or of the call to wrap up. */
  callReasons: { code: string; label: Labels; natures: { code: string; label: Labels }[] }[];
  callbacks: { callId: string; queue: string; number: string; requestedAt: string; attempts: number }[];
  lines: { id: string; label: string; did: string }[];
  timezone: string;
  /** The zone's offset from UTC now, in minutes, as the server knows it (see utc-offset.ts). */
  utcOffsetMinutes: number;
}
