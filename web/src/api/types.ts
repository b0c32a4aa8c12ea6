// The types of docs/web-api.md, the contract between this app and the server. Keep them in step
// with that page: the server implements the same shapes.

export type Language = 'fr' | 'ar' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'ar', 'en'];

export type Role = 'operator_admin' | 'tenant_admin' | 'supervisor' | 'agent' | 'client_viewer' | 'quality';

export type Stage = 'none' | 'second_factor' | 'enrol_second_factor' | 'complete';

export interface User {
  id: string;
  login: string;
  name: string;
  role: Role;
  tenant: string | null;
  agentId: string | null;
  language: Language;
  secondFactor: boolean;
  timezone: string;
}

export interface SessionAnswer {
  stage: Stage;
  user: User | null;
  csrf: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

export interface EnrolmentConfirmed extends SessionAnswer {
  recoveryCodes: string[];
}

export type Labels = Record<Language, string>;

export type AgentState = 'logged_out' | 'available' | 'paused' | 'ringing' | 'talking' | 'wrapup';

export interface PanelAgent {
  id: string;
  login: string;
  name: string;
  state: AgentState;
  pauseReason: string | null;
  wrapupEndsAt: string | null;
  registered: boolean;
}

export interface PanelQueue {
  id: string;
  label: string;
  waiting: number;
  oldestWaitingSince: string | null;
}

export type IvrStep =
  | { kind: 'language'; language: string }
  | { kind: 'key'; menu: string; key: string }
  | { kind: 'calendar'; calendar: string; decision: 'open' | 'closed' | 'holiday' | 'closure' };

export type CallOutcome = 'answered' | 'abandoned' | 'ivr' | 'callback' | 'overflowed' | 'outbound' | 'other';

export interface CallView {
  id: string;
  direction: 'inbound' | 'outbound';
  state: 'ringing' | 'talking' | 'held' | 'consulting';
  callerNumber: string | null;
  line: { id: string; label: string };
  did: string;
  language: Language | null;
  ivrPath: IvrStep[];
  queue: { id: string; label: string } | null;
  queuedAt: string | null;
  waitedSeconds: number | null;
  answeredAt: string | null;
  recording: 'recording' | 'off' | 'opted_out';
  consult: { target: string; state: 'ringing' | 'talking' } | null;
  history: { callId: string; at: string; line: string; outcome: CallOutcome; agent: string | null }[];
}

export interface Colleague {
  id: string;
  login: string;
  name: string;
  state: AgentState;
  registered: boolean;
}

export interface CallReason {
  code: string;
  label: Labels;
  natures: { code: string; label: Labels }[];
}

export interface PendingCallback {
  callId: string;
  queue: string;
  number: string;
  requestedAt: string;
  attempts: number;
}

export interface Panel {
  agent: PanelAgent;
  pauseReasons: { code: string; label: Labels }[];
  queues: PanelQueue[];
  call: CallView | null;
  wrapup: { callId: string; endsAt: string | null; saved: boolean } | null;
  colleagues: Colleague[];
  callReasons: CallReason[];
  callbacks: PendingCallback[];
  lines: { id: string; label: string; did: string }[];
  timezone: string;
}

export interface ErrorBody {
  error: { id: string; message?: string; details?: Record<string, unknown> };
  requestId?: string;
}

/** A transfer or consultation target: a colleague by login, or a number. */
export type Target = { agentLogin: string } | { number: string };

export type StateAction = { action: 'login' | 'logout' | 'unpause' } | { action: 'pause'; reason: string };
