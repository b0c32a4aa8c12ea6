// Calls entering our Stasis app: open the call in the journal, run its flow with a safety net,
// and close it when Asterisk destroys the channel (stop the recording, store its metadata,
// destroy the bridge, write the hang-up with its cause).
import { createHash, randomUUID } from 'node:crypto';
import type { CalendarVerdict } from '../../ivr/engine/io.js';
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import { parseLegId } from '../call-contract/ids.js';
import { localQueueId } from '../call-contract/ids.js';
import { AGENT_VARIABLE, ANSWERED_AT_VARIABLE, decodeQueuePlace, QUEUE_PLACE_VARIABLE } from '../call-contract/variables.js';
import { type BridgeInfo, type MediaCore, type ChannelInfo, MediaGoneError } from '../media/types.js';
import type { Metrics } from '../metrics/registry.js';
import { finishRecording } from './recording.js';
import { CALL_ID_VARIABLE } from '../call-contract/variables.js';
import { CallSession } from '../call-contract/session.js';
import { callIdOfBridge, parseSnoopId } from '../call-contract/ids.js';
import type { Owner } from '../sweep/sweep.js';
import type { Refusal } from './admission.js';
import { ivrCall } from './ivr-call.js';
import { RECORDING_AT_VARIABLE } from '../call-contract/variables.js';
import { type QueueDoor } from '../call-contract/door.js';

export interface CallServiceDeps {
  media: MediaCore;
  journal: CallJournal;
  log: Logger;
  metrics: Metrics;
  tenants: readonly Tenant[];
  paths: { sounds: string; recordings: string };
  /** Media URI of a prompt for a tenant in a language. */
  prompt: (tenant: string, name: string, language: Language) => string;
  decide: (tenant: string, calendar: string, at: Date) => CalendarVerdict;
  queues: QueueDoor;
  /** Whether a new call may be taken now (admission.ts); without it every call is. */
  admission?: { check(): Refusal | undefined };
}

/** Arguments the dialplan passes: Stasis(app,inbound,<tenant>,<line>,<did>). */
export interface InboundArgs {
  tenant: string;
  line: string;
  did: string;
}

export function parseInboundArgs(args: readonly string[]): InboundArgs | undefined {
  const [kind, tenant, line, did] = args;
  if (kind !== 'inbound' || !tenant || !line || !did) return undefined;
  return { tenant, line, did };
}

/** A UUID-shaped id derived from a name (SHA-256), for entries that must be the same on every attempt. */
function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class CallService {
  private readonly sessions = new Map<string, CallSession>();
  /** The call ids of `sessions`. */
  private readonly callIds = new Set<string>();

  constructor(private readonly deps: CallServiceDeps) {}

  get activeCalls(): number {
    return this.sessions.size;
  }

  /**
   * A caller's channel entered our app. `recovered`: found in our app after a reconnection with
   * no StasisStart seen (its event was lost with the socket); it may be answered already.
   */
  async onChannelEntered(channel: ChannelInfo, args: readonly string[], recovered = false): Promise<void> {
    const { log, media } = this.deps;
    const inbound = parseInboundArgs(args);
    const tenant = inbound && this.deps.tenants.find((t) => t.slug === inbound.tenant);
    if (!inbound || !tenant) {
      log.warn({ channelId: channel.id, args }, 'channel entered with arguments we do not route; hanging up');
      await media.hangup(channel.id, 'unallocated');
      return;
    }
    const refusal = recovered ? undefined : this.deps.admission?.check();
    if (refusal) {
      this.refuse(channel, tenant.slug, refusal);
      return;
    }
    const session = new CallSession({ callId: randomUUID(), tenant: tenant.slug, line: inbound.line, did: inbound.did, channelId: channel.id, startedAt: new Date(channel.createdAt), callerNumber: channel.callerNumber }, this.deps.journal);
    this.track(session);
    this.deps.metrics.callsStarted.inc({ tenant: tenant.slug, line: inbound.line });
    this.deps.journal.append({ kind: 'call', call: { id: session.callId, tenant: tenant.slug, line: inbound.line, did: inbound.did, direction: 'inbound', callerId: channel.callerNumber || null, channelId: channel.id, startedAt: session.startedAt } });
    session.event('call.arrived', { did: inbound.did, line: inbound.line, callerId: channel.callerNumber }, session.startedAt);
    try {
      // Answer first: the caller's 200 OK waits on nothing of ours. The channel is followed past
      // StasisEnd for its hang-up cause, and carries the call id for a restarted app, meanwhile.
      if (channel.state !== 'Up') await media.answer(channel.id);
      session.answered();
      const [followed] = await Promise.all([media.watch(channel.id), media.setVariable(channel.id, CALL_ID_VARIABLE, session.callId)]);
      if (!followed) {
        await this.closeCall(channel.id, 0, 'hung up before the app could take the call');
        return;
      }
    } catch (err) {
      if (err instanceof MediaGoneError) {
        await this.closeCall(channel.id, 0, 'hung up before the app could take the call');
        return;
      }
      await this.flowFailed(session, tenant, err);
      return;
    }
    await this.runFlow(session, tenant);
  }

  private refused = 0;

  /** Over capacity: the call is refused before it is answered (cause 34, SIP 503); counted, and logged now and then. */
  private refuse(channel: ChannelInfo, tenant: string, reason: Refusal): void {
    this.deps.metrics.callsRefused.inc({ reason });
    if (this.refused++ % 100 === 0) this.deps.log.warn({ channelId: channel.id, tenant, reason, refusedSoFar: this.refused }, 'over capacity: new call refused (503)');
    this.deps.media.hangup(channel.id, 'congestion').catch((err: unknown) => this.deps.log.warn({ channelId: channel.id, err: String(err) }, 'refused call could not be hung up'));
  }

  private async runFlow(session: CallSession, tenant: Tenant): Promise<void> {
    try {
      await ivrCall(session, tenant, { media: this.deps.media, queues: this.deps.queues, prompt: this.deps.prompt, decide: this.deps.decide, now: () => new Date() });
    } catch (err) {
      await this.flowFailed(session, tenant, err);
    }
  }

  /** Safety net: log with the call's context, record it, end the call cleanly. */
  private async flowFailed(session: CallSession, tenant: Tenant, err: unknown): Promise<void> {
    if (session.signal.aborted) return; // the caller hung up under our feet: not a failure
    this.deps.log.error({ ...session.logContext, err: err instanceof Error ? err.message : String(err) }, 'call flow failed; hanging up');
    this.deps.metrics.callsFailed.inc({ tenant: tenant.slug });
    session.event('call.flow_failed', { error: err instanceof Error ? err.message : String(err) });
    session.hungUpByApp = true;
    await this.deps.media.hangup(session.channelId, 'congestion').catch(() => undefined);
  }

  /**
   * Calls the database still holds open whose channel is gone: they ended while the app was
   * down. Their hang-up is written now, once (the ids make a second pass write nothing new).
   */
  closeVanished(calls: readonly { id: string; tenant: string }[], at: Date = new Date()): void {
    const causeText = 'ended while the app was down';
    for (const c of calls) {
      // A deterministic event id: closing the same call twice writes one hang-up.
      const id = uuidFrom(`${c.id}/vanished-hangup`);
      this.deps.journal.append(
        { kind: 'event', event: { id, callId: c.id, tenant: c.tenant, type: 'call.hangup', at, seq: 1_000_000, data: { cause: 0, causeText, by: 'unknown' } } },
        { kind: 'call-update', callId: c.id, update: { endedAt: at, hangupCause: 0, hangupReason: causeText } },
      );
    }
  }

  private track(session: CallSession): void {
    this.sessions.set(session.channelId, session);
    this.callIds.add(session.callId);
    this.deps.metrics.activeCalls.set(this.sessions.size);
  }

  onDigit(channelId: string, digit: string): void {
    this.sessions.get(channelId)?.digits.push(digit);
  }

  trackedChannelIds(): string[] {
    return [...this.sessions.keys()];
  }

  isTracked(channelId: string): boolean {
    return this.sessions.has(channelId);
  }

  /** For the sweep: the caller's channels, their snoops and their bridges while the caller is here. */
  get owner(): Owner {
    const live = (callId: string | undefined): boolean => callId !== undefined && this.callIds.has(callId);
    return {
      name: 'calls',
      ownsChannel: (c) => this.sessions.has(c.id) || live(parseSnoopId(c.id)),
      ownsBridge: (id) => live(callIdOfBridge(id)),
    };
  }

  /**
   * A call that is live in Asterisk but unknown to us: the app restarted mid-call. Its ids come
   * back from the channel's variables (call id, tenant, line, DID, and the queue it waits in);
   * live state is Asterisk's. A call waiting in a queue, or talking with an agent, goes back to
   * the ACD as it was; a call still in the IVR starts its flow again from the top (a prompt
   * cannot resume in its middle). Either way nothing already written is written again.
   */
  async adopt(channel: ChannelInfo, callId: string, bridge: BridgeInfo | undefined): Promise<void> {
    const { media, log } = this.deps;
    const vars = await media.getVariables(channel.id, ['CCAPP_TENANT', 'CCAPP_LINE', 'CCAPP_DID', QUEUE_PLACE_VARIABLE, ANSWERED_AT_VARIABLE, RECORDING_AT_VARIABLE]);
    const [tenantSlug, line, did, placeValue, answeredAt, recordingAt] = vars;
    const place = decodeQueuePlace(placeValue);
    const session = new CallSession({ callId, tenant: tenantSlug ?? 'unknown', line: line ?? 'unknown', did: did ?? channel.dialed, channelId: channel.id, startedAt: new Date(channel.createdAt), callerNumber: channel.callerNumber }, this.deps.journal);
    if (recordingAt) session.resumeRecording(new Date(Number(recordingAt)));
    this.track(session);
    if (!(await media.watch(channel.id))) {
      await this.closeCall(channel.id, 0, 'ended while the app was restarting');
      return;
    }
    const tenant = this.deps.tenants.find((t) => t.slug === session.tenant);
    if (!tenant) {
      session.event('call.reconciled', { channelState: channel.state, resumed: 'none' });
      session.hungUpByApp = true;
      await media.hangup(channel.id, 'normal');
      return;
    }
    const legId = bridge?.channelIds.find((id) => { const l = parseLegId(id); return l?.callId === callId && l.kind === 'agent'; });
    const agentId = legId ? await media.getVariable(legId, AGENT_VARIABLE) : undefined;
    if (place) {
      const connected = legId && agentId && answeredAt ? { agentId, legChannelId: legId, answeredAt: Number(answeredAt) } : null;
      session.event('call.reconciled', { channelState: channel.state, resumed: connected ? 'talk' : 'queue', queue: localQueueId(place.queue) });
      this.deps.queues.adopt([{ session, tenant, language: place.language, choices: place.choices, queue: place.queue, enteredAt: place.since, connected }]);
      if (!connected) await media.startMusicOnHold({ kind: 'channel', id: channel.id });
      return;
    }
    session.event('call.reconciled', { channelState: channel.state, resumed: 'ivr' });
    log.info(session.logContext, 'call was in the IVR when the app stopped: its flow starts again');
    if (channel.state !== 'Up') await media.answer(channel.id);
    await this.runFlow(session, tenant);
  }

  /** The call ends when Asterisk destroys its channel (watched beyond StasisEnd, see watch()). */
  async onChannelDestroyed(channelId: string, cause: number, causeText: string): Promise<void> {
    await this.closeCall(channelId, cause, causeText);
  }

  async closeCall(channelId: string, cause: number, causeText: string): Promise<void> {
    const session = this.sessions.get(channelId);
    if (!session) return;
    this.sessions.delete(channelId);
    this.callIds.delete(session.callId);
    this.deps.metrics.activeCalls.set(this.sessions.size);
    session.hangup = { cause, causeText };
    session.end();
    this.deps.queues.callerGone(session.callId);
    const endedAt = new Date();
    await finishRecording(session, { ...this.deps, recordingsDir: this.deps.paths.recordings });
    await this.deps.media.destroyBridge(session.bridgeId).catch((err: unknown) => this.deps.log.warn({ ...session.logContext, err: String(err) }, 'bridge could not be destroyed'));
    session.event('call.hangup', { cause, causeText, by: session.hungUpBy ?? (session.hungUpByApp ? 'app' : 'caller') }, endedAt);
    this.deps.journal.append({ kind: 'call-update', callId: session.callId, update: { endedAt, hangupCause: cause, hangupReason: causeText } });
  }
}
