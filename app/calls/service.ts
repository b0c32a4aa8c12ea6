// Calls entering our Stasis app: open the call in the journal, run its flow with a safety net,
// and close it when Asterisk destroys the channel (stop the recording, store its metadata,
// destroy the bridge, write the hang-up with its cause).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CalendarVerdict } from '../../ivr/engine/io.js';
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import { ALREADY_FINISHED, type MediaCore, type ChannelInfo } from '../media/types.js';
import type { Metrics } from '../metrics/registry.js';
import { inspectWav } from '../recordings/wav.js';
import { CALL_ID_VARIABLE, CallSession, recordingNameFor } from './session.js';
import { ivrCall, type QueueDoor } from './ivr-call.js';

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

export class CallService {
  private readonly sessions = new Map<string, CallSession>();

  constructor(private readonly deps: CallServiceDeps) {}

  get activeCalls(): number {
    return this.sessions.size;
  }

  async onChannelEntered(channel: ChannelInfo, args: readonly string[]): Promise<void> {
    const { log, media } = this.deps;
    const inbound = parseInboundArgs(args);
    const tenant = inbound && this.deps.tenants.find((t) => t.slug === inbound.tenant);
    if (!inbound || !tenant) {
      log.warn({ channelId: channel.id, args }, 'channel entered with arguments we do not route; hanging up');
      await media.hangup(channel.id, 'unallocated');
      return;
    }
    const session = new CallSession({ callId: randomUUID(), tenant: tenant.slug, line: inbound.line, did: inbound.did, channelId: channel.id, startedAt: new Date(channel.createdAt), callerNumber: channel.callerNumber }, this.deps.journal);
    this.sessions.set(channel.id, session);
    this.deps.metrics.callsStarted.inc({ tenant: tenant.slug, line: inbound.line });
    this.deps.metrics.activeCalls.set(this.sessions.size);
    this.deps.journal.append({ kind: 'call', call: { id: session.callId, tenant: tenant.slug, line: inbound.line, did: inbound.did, direction: 'inbound', callerId: channel.callerNumber || null, channelId: channel.id, startedAt: session.startedAt } });
    session.event('call.arrived', { did: inbound.did, line: inbound.line, callerId: channel.callerNumber }, session.startedAt);
    try {
      if (!(await media.watch(channel.id))) {
        await this.closeCall(channel.id, 0, 'hung up before the app could take the call');
        return;
      }
      await media.setVariable(channel.id, CALL_ID_VARIABLE, session.callId);
      await ivrCall(session, tenant, { media, queues: this.deps.queues, prompt: this.deps.prompt, decide: this.deps.decide, now: () => new Date() });
    } catch (err) {
      if (session.signal.aborted) return; // the caller hung up under our feet: not a failure
      // Safety net: log with the call's context, record it, end the call cleanly.
      log.error({ ...session.logContext, err: err instanceof Error ? err.message : String(err) }, 'call flow failed; hanging up');
      this.deps.metrics.callsFailed.inc({ tenant: tenant.slug });
      session.event('call.flow_failed', { error: err instanceof Error ? err.message : String(err) });
      session.hungUpByApp = true;
      await media.hangup(channel.id, 'congestion').catch(() => undefined);
    }
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

  /**
   * A call that is live in Asterisk but unknown to us: the app restarted mid-call. Its ids come
   * back from the channel (call id, tenant, line, DID variables); its IVR step cannot resume in
   * the middle of a prompt, so the app ends it, and its close is written as for any other call.
   * (Resuming calls waiting in a queue is the ACD's reconciliation.)
   */
  async adopt(channel: ChannelInfo, callId: string, recording: boolean): Promise<void> {
    const { media } = this.deps;
    const [tenant, line, did] = await Promise.all(['CCAPP_TENANT', 'CCAPP_LINE', 'CCAPP_DID'].map((v) => media.getVariable(channel.id, v)));
    const session = new CallSession({ callId, tenant: tenant ?? 'unknown', line: line ?? 'unknown', did: did ?? channel.dialed, channelId: channel.id, startedAt: new Date(channel.createdAt) }, this.deps.journal);
    if (recording) session.recording = { name: recordingNameFor(session.tenant, callId), startedAt: session.startedAt };
    this.sessions.set(channel.id, session);
    this.deps.metrics.activeCalls.set(this.sessions.size);
    session.event('call.reconciled', { channelState: channel.state });
    if (!(await media.watch(channel.id))) {
      await this.closeCall(channel.id, 0, 'ended while the app was restarting');
      return;
    }
    session.hungUpByApp = true;
    await media.hangup(channel.id, 'normal');
  }

  /** The call ends when Asterisk destroys its channel (watched beyond StasisEnd, see watch()). */
  async onChannelDestroyed(channelId: string, cause: number, causeText: string): Promise<void> {
    await this.closeCall(channelId, cause, causeText);
  }

  async closeCall(channelId: string, cause: number, causeText: string): Promise<void> {
    const session = this.sessions.get(channelId);
    if (!session) return;
    this.sessions.delete(channelId);
    this.deps.metrics.activeCalls.set(this.sessions.size);
    session.hangup = { cause, causeText };
    session.end();
    this.deps.queues.callerGone(session.callId);
    const endedAt = new Date();
    await this.closeRecording(session);
    await this.deps.media.destroyBridge(session.bridgeId).catch((err: unknown) => this.deps.log.warn({ ...session.logContext, err: String(err) }, 'bridge could not be destroyed'));
    session.event('call.hangup', { cause, causeText, by: session.hungUpBy ?? (session.hungUpByApp ? 'app' : 'caller') }, endedAt);
    this.deps.journal.append({ kind: 'call-update', callId: session.callId, update: { endedAt, hangupCause: cause, hangupReason: causeText } });
  }

  private async closeRecording(session: CallSession): Promise<void> {
    const rec = session.recording;
    if (!rec) return;
    const { log, media, journal } = this.deps;
    const outcome = await media.stopRecording(rec.name).catch((err: unknown) => ({ name: rec.name, state: 'failed' as const, cause: String(err) }));
    const path = join(this.deps.paths.recordings, `${rec.name}.wav`);
    let file: Awaited<ReturnType<typeof inspectWav>> | undefined;
    try {
      file = await inspectWav(path);
    } catch (err) {
      if (outcome.cause === ALREADY_FINISHED) return; // no live recording and no file: none was made
      log.error({ ...session.logContext, path, err: String(err) }, 'recording file missing or unreadable');
    }
    session.event('recording.stopped', { name: rec.name, state: outcome.state, durationMs: file?.durationMs ?? null });
    journal.append({ kind: 'recording', recording: { id: randomUUID(), callId: session.callId, tenant: session.tenant, name: rec.name, path, format: 'wav', startedAt: rec.startedAt, durationMs: file?.durationMs ?? null, sizeBytes: file?.sizeBytes ?? null, sha256: file?.sha256 ?? null } });
  }
}
