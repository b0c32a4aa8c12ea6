// The ACD shell's own types: the call it holds, what it is built from, and an agent's commands.
import type { Tenant } from '../../../pbx-config/schema/tenant.js';
import type { AgentDirectory } from '../../agents/directory.js';
import type { RecordingPart } from '../../call-contract/door.js';
import type { CallSession } from '../../call-contract/session.js';
import type { DiallingGuard } from '../../dialling/guard.js';
import type { CallJournal } from '../../journal/journal.js';
import type { Logger } from '../../log/logger.js';
import type { MediaCore } from '../../media/types.js';
import type { PendingCallback } from './pending-callbacks.js';

/** A call the IVR handed to a queue. */
export interface QueuedCall {
  session: CallSession;
  tenant: Tenant;
  language: string | null;
  /** The caller's IVR choices, carried to the agent and to an overflow target. */
  choices: readonly string[];
  /** The core's id of the queue the call is in now (set from its queue.entered events). */
  queue: string | null;
  /** Where an overflow to a number came from: the call goes back there if the number fails. */
  overflowedFrom: string | null;
  /** Set once the caller's channel is gone. */
  callerGone: boolean;
  /** Set once the core was told the call is over. */
  ended: boolean;
  /** The caller asked to be called back at this number; `attempt` counts the calls placed. */
  callback: { number: string; attempt: number } | null;
  /** The agent pressed the tenant's opt-out key (policy opt_out): nothing of the call is recorded. */
  recordingOptedOut?: boolean;
  /** The call's bridge exists (made when someone first joins the caller, see AcdActions.bridge). */
  bridged?: boolean;
  /** On hold (hold.ts), from a phone or from the panel (the agent's leg is then out of the bridge). */
  held?: 'phone' | 'panel';
}

export interface AcdShellDeps {
  media: MediaCore;
  journal: CallJournal;
  directory: AgentDirectory;
  log: Logger;
  tenants: readonly Tenant[];
  /** Media URI of a prompt for a tenant in a language. */
  prompt: (tenant: string, name: string, language: string) => string;
  /** The trunk endpoint overflow calls to numbers go out through. */
  trunk: string;
  /** Records the call (or a part of it, see RecordingPart) unless its end has come. */
  startRecording: (session: CallSession, part?: RecordingPart) => Promise<void>;
  recordingsDir: string;
  /** Callbacks promised before the app (re)started, read once calls are reconciled with Asterisk. */
  pendingCallbacks?: () => Promise<PendingCallback[]>;
  /**
   * Checks every number the ACD dials (callbacks, transfers, consultations, overflow) and counts
   * outbound legs; share one with the click-to-call service. By default the shell makes its own.
   */
  dialling?: DiallingGuard;
  now?: () => number;
}

export type AgentCommand = { type: 'login' } | { type: 'logout' } | { type: 'pause'; reason: string } | { type: 'unpause' };
