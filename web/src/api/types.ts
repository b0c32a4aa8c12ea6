// The types of docs/web-api.md, the contract between this app and the server. Keep them in step
// with that page: the server implements the same shapes.
import type { Panel } from '../../../app/panel/types';

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
  /** The zone's offset from UTC now, in minutes, as the server knows it. */
  utcOffsetMinutes: number;
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

// The agent panel's shapes are the server's own (app/panel/types.ts, types only: nothing of the
// server is bundled), so the two sides cannot drift apart.

export type { CallOutcome, CallView, IvrStep, Labels, Panel, PanelAgentState as AgentState } from '../../../app/panel/types';
export type PanelAgent = Panel['agent'];
export type PanelQueue = Panel['queues'][number];
export type Colleague = Panel['colleagues'][number];
export type CallReason = Panel['callReasons'][number];
export type PendingCallback = Panel['callbacks'][number];

export interface ErrorBody {
  error: { id: string; message?: string; details?: Record<string, unknown> };
  requestId?: string;
}

/** A transfer or consultation target: a colleague by login, or a number. */
export type Target = { agentLogin: string } | { number: string };

export type StateAction = { action: 'login' | 'logout' | 'unpause' } | { action: 'pause'; reason: string };
