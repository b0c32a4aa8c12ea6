// A call through the IVR: answer, put the caller in the call's own bridge, run the tenant's flow
// for the line, then act on the outcome: a queue (the caller hears music on hold and the ACD
// takes over), or the end of the call.
import { runIvr } from '../../ivr/engine/engine.js';
import type { CalendarVerdict } from '../../ivr/engine/io.js';
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import type { MediaCore } from '../media/types.js';
import { CallIvrIo } from './ivr-io.js';
import type { AdoptedCall } from '../acd/shell/shell.js';
import { type CallSession, recordingNameFor } from './session.js';

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

/** When the call's recording started (epoch ms), on the caller's channel, for a restarted app. */
export const RECORDING_AT_VARIABLE = 'CCAPP_RECORDING_AT';

export interface IvrCallDeps {
  queues: QueueDoor;
  media: MediaCore;
  /** Media URI of a prompt for a tenant in a language. */
  prompt: (tenant: string, name: string, language: Language) => string;
  /** A tenant's calendar decision (see app/calendars/decisions.ts). */
  decide: (tenant: string, calendar: string, at: Date) => CalendarVerdict;
  now: () => Date;
}

/** Records the call's bridge (caller, agent, announcements) once; later calls do nothing. */
export async function startRecording(session: CallSession, media: MediaCore, name = recordingNameFor(session.tenant, session.callId), ended = session.signal): Promise<void> {
  if (session.recording || ended.aborted) return;
  await media.startRecording({ kind: 'bridge', id: session.bridgeId }, name, 'wav');
  await media.setVariable(session.channelId, RECORDING_AT_VARIABLE, String(Date.now())).catch(() => undefined);
  // The caller hung up meanwhile: the call is closed already, with no recording to close.
  if (ended.aborted) {
    await media.stopRecording(name).catch(() => undefined);
    return;
  }
  session.recording = { name, startedAt: new Date() };
  session.event('recording.started', { name });
}

/**
 * `resumed`: the app restarted while this caller was in the IVR; the call is answered and in its
 * bridge already, and the flow starts again from the top (a prompt cannot resume in its middle).
 */
export async function ivrCall(session: CallSession, tenant: Tenant, deps: IvrCallDeps, resumed = false): Promise<void> {
  const { media } = deps;
  const line = tenant.lines.find((l) => l.id === session.line);
  if (!line) throw new Error(`tenant ${tenant.slug} has no line ${session.line}`);
  if (!resumed) {
    await media.answer(session.channelId);
    session.answered();
    await media.createBridge(session.bridgeId, 'mixing', `${session.tenant}:${session.line}`);
    await media.addToBridge(session.bridgeId, [session.channelId]);
  }
  if (session.signal.aborted) return;

  const outcome = await runIvr({
    tenant,
    flows: tenant.flows,
    decide: (calendar, at) => deps.decide(tenant.slug, calendar, at),
    prompt: (name, language) => deps.prompt(tenant.slug, name, language),
    io: new CallIvrIo(session, media, () => startRecording(session, media)),
    events: session,
    signal: session.signal,
    now: deps.now,
  }, line.flow, tenant.languages[0] ?? 'fr');

  if (outcome.kind === 'aborted' || session.signal.aborted) return;
  if (outcome.kind === 'queue') {
    await media.startMusicOnHold(session.bridgeId);
    if (session.signal.aborted) return;
    deps.queues.enqueue({ session, tenant, language: outcome.language, choices: outcome.choices }, outcome.queue);
    return; // the ACD has the call now (queue.entered is its event)
  }
  session.hungUpByApp = true;
  await media.hangup(session.channelId, 'normal');
}
