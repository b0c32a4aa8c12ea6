// A call through the IVR: run the tenant's flow for the line on the caller's channel, then act on
// the outcome: a queue (the caller hears music on hold and the ACD takes over), or the end of the call.
import { runIvr } from '../../ivr/engine/engine.js';
import type { CalendarVerdict } from '../../ivr/engine/io.js';
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import type { MediaCore } from '../media/types.js';
import { CallIvrIo } from './ivr-io.js';
import type { QueueDoor, RecordingPart } from '../call-contract/door.js';
import { RECORDING_AT_VARIABLE } from '../call-contract/variables.js';
import { type CallSession } from '../call-contract/session.js';
import { recordingNameFor, snoopIdFor } from '../call-contract/ids.js';
import { SNOOP_STASIS_KIND } from '../call-contract/stasis-kinds.js';

export interface IvrCallDeps {
  queues: QueueDoor;
  media: MediaCore;
  /** Media URI of a prompt for a tenant in a language. */
  prompt: (tenant: string, name: string, language: Language) => string;
  /** A tenant's calendar decision (see app/calendars/decisions.ts). */
  decide: (tenant: string, calendar: string, at: Date) => CalendarVerdict;
  now: () => Date;
}

/**
 * Records the call once (later calls do nothing): a snoop on `channelId` (the caller's channel by
 * default) hears both directions, what the caller says and what they hear (prompts, the agent),
 * and ARI records the snoop. The call's bridge stays two-party, so Asterisk never mixes it.
 */
export async function startRecording(session: CallSession, media: MediaCore, part: RecordingPart = {}): Promise<void> {
  const name = part.suffix ? `${recordingNameFor(session.tenant, session.callId)}-${part.suffix}` : recordingNameFor(session.tenant, session.callId);
  const ended = part.ended ?? session.signal;
  const channelId = part.channelId ?? session.channelId;
  if (session.recording || ended.aborted) return;
  const snoopId = snoopIdFor(session.callId, part.suffix);
  await media.snoop(channelId, snoopId, [SNOOP_STASIS_KIND, session.callId]);
  try {
    await media.startRecording({ kind: 'channel', id: snoopId }, name, 'wav');
  } catch (err) {
    // The recording's own error goes up; a snoop that cannot be hung up now ends with the caller.
    await media.hangup(snoopId).catch(() => undefined);
    throw err;
  }
  await media.setVariable(session.channelId, RECORDING_AT_VARIABLE, String(Date.now())).catch(() => undefined);
  // The caller hung up meanwhile: the call is closed already, with no recording to close.
  if (ended.aborted) {
    await media.stopRecording(name).catch(() => undefined);
    return;
  }
  session.recording = { name, startedAt: new Date(), snoopId };
  session.event('recording.started', { name });
}

/**
 * The call is answered (call service). Prompts and music play on the caller's own channel: no
 * bridge exists until someone joins the caller (the ACD's connect). After an app restart the flow
 * starts again from the top (a prompt cannot resume in its middle).
 */
export async function ivrCall(session: CallSession, tenant: Tenant, deps: IvrCallDeps): Promise<void> {
  const { media } = deps;
  const line = tenant.lines.find((l) => l.id === session.line);
  if (!line) throw new Error(`tenant ${tenant.slug} has no line ${session.line}`);
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
    await media.startMusicOnHold({ kind: 'channel', id: session.channelId });
    if (session.signal.aborted) return;
    deps.queues.enqueue({ session, tenant, language: outcome.language, choices: outcome.choices }, outcome.queue);
    return; // the ACD has the call now (queue.entered is its event)
  }
  session.hungUpByApp = true;
  await media.hangup(session.channelId, 'normal');
}
