// What the ACD core asks for, done on the media core: ring an agent's phone (a channel in our
// app, dialled with the caller's identity), stop ringing it, bridge the agent with the caller
// (music off, recording on per the tenant's policy), announce position and expected wait, and
// overflow to a number through the trunk, carrying the call's context in SIP headers. Numbers are
// dialled only once the tenant's dialling guard allows them; the leg then holds the guard's lease.
import { finishRecording, optOutOfRecording } from '../../calls/recording.js';
import type { DiallingGuard } from '../../dialling/guard.js';
import type { Lease } from '../../dialling/limiter.js';
import type { MediaTarget } from '../../media/types.js';
import type { AcdAction } from '../core/types.js';
import type { Leg, Legs } from './legs.js';
import { localQueueId } from '../../call-contract/ids.js';
import type { AcdShell } from './shell.js';
import type { AcdShellDeps, QueuedCall } from './shell-types.js';
import { AGENT_VARIABLE, ANSWERED_AT_VARIABLE } from '../../call-contract/variables.js';

export interface ActionDeps extends AcdShellDeps {
  legs: Legs;
  calls: Map<string, QueuedCall>;
  shell: AcdShell;
  dialling: DiallingGuard;
  now: () => number;
}

/** Prompts exist for numbers 1 to 20 (position, minutes); beyond, the announcement says no number. */
const MAX_SPOKEN = 20;

export class AcdActions {
  constructor(private readonly d: ActionDeps) {}

  async perform(a: AcdAction): Promise<void> {
    switch (a.type) {
      case 'ring': return this.ring(a.callId, a.agentId, a.timeoutAt);
      case 'stop_ring':
        for (const leg of this.d.legs.ofCall(a.callId, a.agentId)) if (leg.state !== 'up') this.d.shell.stopLeg(leg);
        return;
      case 'connect': return a.dial ? this.callBack(a.callId, a.agentId, a.dial) : this.connect(a.callId, a.agentId);
      case 'announce': return this.announce(a.callId, a.position, a.expectedWaitMs);
      case 'overflow':
        if (a.target.kind === 'number') return this.overflowToNumber(a.callId, a.target.number, a.context);
        return; // another queue: the core moved the call; the caller keeps the music
      case 'pause_agent':
        this.d.log.info({ agentId: a.agentId, reason: a.reason }, 'ACD paused an agent');
        return;
      case 'place_callback': return this.ring(a.callId, a.agentId, a.timeoutAt);
    }
  }

  private async ring(callId: string, agentId: string, timeoutAt: number): Promise<void> {
    const call = this.d.calls.get(callId);
    const agent = this.d.shell.agent(agentId);
    if (!call || (call.callerGone && !call.callback) || !agent) return this.d.shell.input({ type: 'agent.rejected', callId, agentId });
    const leg = this.d.legs.open(callId, 'agent', agentId);
    try {
      await this.d.media.dial({
        channelId: leg.channelId, endpoint: `PJSIP/${agent.sipUsername}`, appArgs: ['acd-leg', callId], variables: { [AGENT_VARIABLE]: agentId },
        // The core times the ring out itself; Asterisk's own limit is a backstop.
        timeoutSec: Math.ceil((timeoutAt - this.d.now()) / 1000) + 5,
        ...(call.callerGone ? {} : { callerChannelId: call.session.channelId }),
      });
      this.stoppedMeanwhile(leg);
    } catch (err) {
      this.d.legs.close(leg.channelId);
      this.d.log.warn({ callId, agentId, err: String(err) }, 'agent phone could not be rung');
      this.d.shell.input({ type: 'agent.rejected', callId, agentId });
    }
  }

  private async connect(callId: string, agentId: string): Promise<void> {
    const call = this.d.calls.get(callId);
    const leg = this.d.legs.ofCall(callId, agentId).find((l) => l.state === 'up');
    if (!call || !leg) return;
    if (call.callerGone) return this.d.shell.stopLeg(leg);
    await this.bridge(call, leg);
  }

  /**
   * The far end (an agent, an overflow or transfer target, the caller called back) joins the call.
   * The first one makes the call's bridge, with the caller, in one request: two members, so
   * Asterisk passes the audio through without mixing (the recording is a snoop on the caller).
   * Should Asterisk refuse, the caller is not left alone in a bridge: see bridgeFailed.
   */
  private async bridge(call: QueuedCall, leg: Leg): Promise<void> {
    const { media } = this.d;
    const { session } = call;
    try {
      if (call.bridged) {
        await media.stopMusicOnHold({ kind: 'bridge', id: session.bridgeId });
        await media.addToBridge(session.bridgeId, [leg.channelId]);
      } else {
        const caller = call.callerGone ? [] : [session.channelId];
        await Promise.all([
          media.createBridge(session.bridgeId, 'mixing', `${session.tenant}:${session.line}`),
          ...caller.map((id) => media.stopMusicOnHold({ kind: 'channel', id })),
        ]);
        call.bridged = true;
        await media.addToBridge(session.bridgeId, [...caller, leg.channelId]);
      }
    } catch (err) {
      return this.bridgeFailed(call, leg, err);
    }
    if (!call.callerGone) await media.setVariable(session.channelId, ANSWERED_AT_VARIABLE, String(this.d.now()));
    if (call.tenant.recording.policy === 'off' || call.recordingOptedOut || session.recording) return;
    // A callback's conversation is recorded on its own, after the first leg's recording.
    if (call.callback && call.callerGone) {
      await this.d.startRecording(session, { suffix: `callback-${call.callback.attempt}`, channelId: leg.channelId, ended: new AbortController().signal });
    } else {
      await this.d.startRecording(session);
    }
  }

  /**
   * Asterisk refused to bridge the caller with whoever answered: that leg is let go (an agent
   * wraps up, with the reason on the call), the bridge is taken down, and the caller hears music
   * again, back ahead in the queue the call was in.
   */
  private async bridgeFailed(call: QueuedCall, leg: Leg, err: unknown): Promise<void> {
    const { media, log } = this.d;
    const { session } = call;
    const error = err instanceof Error ? err.message : String(err);
    log.error({ ...session.logContext, leg: leg.channelId, kind: leg.kind, err: error }, 'ACD: the call could not be bridged; the caller goes back to the queue');
    session.event('call.bridge_failed', { leg: leg.kind, agent: leg.agentId, error });
    this.d.shell.stopLeg(leg);
    call.bridged = false;
    await media.destroyBridge(session.bridgeId).catch((e: unknown) => log.warn({ ...session.logContext, err: String(e) }, 'ACD: bridge of a failed connect could not be destroyed'));
    if (leg.kind === 'agent' && !call.ended) {
      call.ended = true;
      this.d.shell.input({ type: 'call.ended', callId: session.callId });
    }
    if (call.callerGone) return;
    await media.startMusicOnHold({ kind: 'channel', id: session.channelId }).catch((e: unknown) => log.warn({ ...session.logContext, err: String(e) }, 'ACD: music could not be restarted for the caller'));
    this.farEndFailed(call, leg.kind === 'agent' ? 'transfer' : leg.kind, false);
  }

  /** An overflow or transfer target (or the caller called back) answered: it joins the call's bridge. */
  async joinFarEnd(leg: Leg): Promise<void> {
    const call = this.d.calls.get(leg.callId);
    if (!call) return;
    if (call.callerGone && !call.callback) return this.d.shell.stopLeg(leg);
    call.session.event(`${leg.kind}.answered`, { channelId: leg.channelId });
    if (leg.kind === 'callback') this.d.shell.input({ type: 'callback.result', callId: leg.callId, answered: true });
    await this.bridge(call, leg);
  }

  /** The agent opted out (policy opt_out): the recording so far is discarded and none is made again for this call. */
  async optOut(call: QueuedCall, agentId: string | null): Promise<void> {
    await optOutOfRecording(call.session, this.d.media, agentId, call.session.channelId);
  }

  /** The caller asked to be called back: told so, and the line is hung up (the call keeps its place). */
  async confirmCallback(call: QueuedCall): Promise<void> {
    const { session, tenant } = call;
    const lang = call.language ?? tenant.languages[0] ?? 'fr';
    await this.d.media.play({ kind: 'channel', id: session.channelId }, session.nextPlaybackId(), [this.d.prompt(tenant.slug, 'callback-confirmed', lang)], session.signal);
    session.hungUpByApp = true;
    await this.d.media.hangup(session.channelId, 'normal');
  }

  /**
   * A callback's turn: the agent answered; a fresh bridge holds them (with music) while the
   * caller's number is dialled through the trunk, shown the DID the caller had called.
   */
  private async callBack(callId: string, agentId: string, number: string): Promise<void> {
    const call = this.d.calls.get(callId);
    const leg = this.d.legs.ofCall(callId, agentId).find((l) => l.state === 'up');
    if (!call?.callback || !leg) return;
    call.callback.attempt += 1;
    call.ended = false;
    const grant = this.d.dialling.authorise({ tenant: call.tenant, number, purpose: 'callback', requestedBy: { kind: 'caller' }, agentId, call: call.session });
    if (!grant.ok) {
      // Too many calls out at once (the number itself was allowed when the caller gave it, and
      // again if restored after a restart): not placed, the agent is freed, the core tries later.
      for (const l of this.d.legs.ofCall(callId)) this.d.shell.stopLeg(l);
      this.d.shell.input({ type: 'callback.result', callId, answered: false });
      return;
    }
    const { media } = this.d;
    await media.createBridge(call.session.bridgeId, 'mixing', `${call.session.tenant}:callback`);
    call.bridged = true;
    await media.addToBridge(call.session.bridgeId, [leg.channelId]);
    // chan_pjsip builds an outgoing INVITE's From from the channel's connected line: without it, anonymous.
    await this.dialFarEnd(call, 'callback', this.trunkEndpoint(grant.dial), { 'CALLERID(num)': call.session.did, 'CONNECTEDLINE(num,i)': call.session.did }, grant.lease);
  }

  /** The callback's conversation ended: its recording is closed and the call's end written again. */
  async endCallback(call: QueuedCall, by: string): Promise<void> {
    const { session } = call;
    await finishRecording(session, this.d);
    call.bridged = false;
    await this.d.media.destroyBridge(session.bridgeId);
    const endedAt = new Date(this.d.now());
    session.event('callback.ended', { by, attempt: call.callback?.attempt ?? 0 }, endedAt);
    this.d.journal.append({ kind: 'call-update', callId: session.callId, update: { endedAt } });
    // Kept a while for the agent's wrap-up end, like any finished call.
    setTimeout(() => this.d.calls.delete(session.callId), 10 * 60_000).unref();
  }

  /**
   * The overflow number or the transfer target did not answer: the caller goes back ahead in the
   * queue the call was last in (for an overflow, the one it overflowed from).
   */
  farEndFailed(call: QueuedCall, kind: Leg['kind'], write = true): void {
    if (write) call.session.event(`${kind}.failed`, {});
    if (kind === 'callback') {
      // Not reached: the agent is freed and the core calls again later (or gives up).
      for (const leg of this.d.legs.ofCall(call.session.callId)) this.d.shell.stopLeg(leg);
      this.d.shell.input({ type: 'callback.result', callId: call.session.callId, answered: false });
      call.bridged = false;
      void this.d.media.destroyBridge(call.session.bridgeId).catch((err: unknown) => this.d.log.warn({ ...call.session.logContext, err: String(err) }, 'ACD: callback bridge could not be destroyed'));
      return;
    }
    const queue = kind === 'overflow' ? call.overflowedFrom : call.queue;
    if (call.callerGone || !queue) return;
    call.ended = false;
    this.d.shell.input({ type: 'call.enqueued', callId: call.session.callId, queue, language: call.language, priority: 10 });
  }

  /**
   * Dials a number through the trunk (or an agent's phone) into the call's bridge; the caller hears
   * music meanwhile. A number's leg holds `lease` (the dialling guard's) until it is closed.
   */
  async dialFarEnd(call: QueuedCall, kind: 'overflow' | 'transfer' | 'callback', endpoint: string, variables?: Record<string, string>, lease?: Lease): Promise<void> {
    const { callId } = call.session;
    const leg = this.d.legs.open(callId, kind, null, lease);
    try {
      await this.d.media.startMusicOnHold(this.musicTarget(call));
      await this.d.media.dial({
        channelId: leg.channelId, endpoint, appArgs: ['acd-leg', callId], timeoutSec: 60,
        ...(call.callerGone ? {} : { callerChannelId: call.session.channelId }), ...(variables ? { variables } : {}),
      });
      this.stoppedMeanwhile(leg);
    } catch (err) {
      this.d.legs.close(leg.channelId);
      this.d.log.warn({ callId, endpoint, err: String(err) }, `${kind} target could not be dialled`);
      this.farEndFailed(call, kind);
    }
  }

  /**
   * A leg stopped while Asterisk was still making it (the caller hung up, the ring was cancelled):
   * its hang-up found no channel then, so it is hung up now that the channel exists.
   */
  private stoppedMeanwhile(leg: Leg): void {
    if (leg.state !== 'stopping') return;
    this.d.media.hangup(leg.channelId, 'normal').catch((err: unknown) => this.d.log.warn({ channelId: leg.channelId, err: String(err) }, 'ACD: leg stopped while dialled could not be hung up'));
  }

  /** Where the caller's music plays: the bridge once the call has one, their own channel before. */
  musicTarget(call: QueuedCall): MediaTarget {
    return call.bridged ? { kind: 'bridge', id: call.session.bridgeId } : { kind: 'channel', id: call.session.channelId };
  }

  trunkEndpoint(number: string): string {
    return `PJSIP/${number.replace(/^\+/, '')}@${this.d.trunk}`;
  }

  private async overflowToNumber(callId: string, number: string, context: Record<string, string>): Promise<void> {
    const call = this.d.calls.get(callId);
    if (!call || call.callerGone) return;
    const requestedBy = { kind: 'queue' as const, queue: localQueueId(call.queue ?? '') };
    const grant = this.d.dialling.authorise({ tenant: call.tenant, number, purpose: 'overflow', requestedBy, agentId: null, call: call.session });
    if (!grant.ok) {
      // Refused (the configuration's check passed, so most likely too many calls out at once): the
      // call stays in its queue, ahead of newcomers, and may overflow again later.
      if (call.queue) this.d.shell.input({ type: 'call.enqueued', callId, queue: call.queue, language: call.language, priority: 10 });
      return;
    }
    call.overflowedFrom = call.queue;
    await this.dialFarEnd(call, 'overflow', this.trunkEndpoint(grant.dial), {
      'PJSIP_HEADER(add,X-CCAPP-Call-Id)': callId,
      'PJSIP_HEADER(add,X-CCAPP-Context)': new URLSearchParams(context).toString(),
    }, grant.lease);
  }

  private async announce(callId: string, position: number, expectedWaitMs: number): Promise<void> {
    const call = this.d.calls.get(callId);
    if (!call || call.callerGone || this.d.shell.inCallbackDialogue(callId)) return;
    const { session, tenant } = call;
    const lang = call.language ?? tenant.languages[0] ?? 'fr';
    const p = (name: string) => this.d.prompt(tenant.slug, name, lang);
    const minutes = Math.max(1, Math.round(expectedWaitMs / 60_000));
    const media = [p('queue-position'), ...(position <= MAX_SPOKEN ? [p(`number-${position}`)] : []),
      p('expected-wait'), ...(minutes <= MAX_SPOKEN ? [p(`number-${minutes}`)] : []),
      ...(call.queue && this.d.shell.offersCallback(call.queue) ? [p('callback-offer')] : [])];
    session.event('queue.announced', { position, expectedWaitMs });
    await this.d.media.play({ kind: 'channel', id: session.channelId }, session.nextPlaybackId(), media, session.signal);
    await this.musicBack(call);
  }

  /**
   * A prompt played on a waiting caller's channel replaced their music (a playback ends the
   * channel's music on hold): it is started again while they still wait alone.
   */
  async musicBack(call: QueuedCall): Promise<void> {
    if (call.callerGone || call.bridged || call.session.signal.aborted) return;
    await this.d.media.startMusicOnHold({ kind: 'channel', id: call.session.channelId });
  }
}
