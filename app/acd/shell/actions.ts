// What the ACD core asks for, done on the media core: ring an agent's phone (a channel in our
// app, dialled with the caller's identity), stop ringing it, bridge the agent with the caller
// (music off, recording on per the tenant's policy), announce position and expected wait, and
// overflow to a number through the trunk, carrying the call's context in SIP headers.
import type { AcdAction } from '../core/types.js';
import type { Leg, Legs } from './legs.js';
import type { AcdShell, AcdShellDeps, QueuedCall } from './shell.js';
import { AGENT_VARIABLE, QUEUE_VARIABLES } from './variables.js';

export interface ActionDeps extends AcdShellDeps {
  legs: Legs;
  calls: Map<string, QueuedCall>;
  shell: AcdShell;
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
      case 'connect': return this.connect(a.callId, a.agentId);
      case 'announce': return this.announce(a.callId, a.position, a.expectedWaitMs);
      case 'overflow':
        if (a.target.kind === 'number') return this.overflowToNumber(a.callId, a.target.number, a.context);
        return; // another queue: the core moved the call; the caller keeps the music
      case 'pause_agent':
        this.d.log.info({ agentId: a.agentId, reason: a.reason }, 'ACD paused an agent');
        return;
      case 'place_callback':
        // No queue offers callbacks yet (no callbackKey configured): the call cannot get here.
        this.d.log.error({ callId: a.callId }, 'ACD asked for a callback, which this shell does not place yet');
        this.d.shell.input({ type: 'callback.result', callId: a.callId, answered: false });
        return;
    }
  }

  private async ring(callId: string, agentId: string, timeoutAt: number): Promise<void> {
    const call = this.d.calls.get(callId);
    const agent = this.d.shell.agent(agentId);
    if (!call || call.callerGone || !agent) return this.d.shell.input({ type: 'agent.rejected', callId, agentId });
    const leg = this.d.legs.open(callId, 'agent', agentId);
    try {
      await this.d.media.dial({
        channelId: leg.channelId, endpoint: `PJSIP/${agent.sipUsername}`, appArgs: ['acd-leg', callId], variables: { [AGENT_VARIABLE]: agentId },
        // The core times the ring out itself; Asterisk's own limit is a backstop.
        timeoutSec: Math.ceil((timeoutAt - this.d.now()) / 1000) + 5,
        callerChannelId: call.session.channelId,
      });
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

  private async bridge(call: QueuedCall, leg: Leg): Promise<void> {
    const { media } = this.d;
    const { session } = call;
    await media.stopMusicOnHold(session.bridgeId);
    await media.addToBridge(session.bridgeId, [leg.channelId]);
    await media.setVariable(session.channelId, QUEUE_VARIABLES.answeredAt, String(this.d.now()));
    if (call.tenant.recording.policy !== 'off' && !session.recording) await this.d.startRecording(session);
  }

  /** An overflow or transfer target answered: it joins the caller in the call's bridge. */
  async joinFarEnd(leg: Leg): Promise<void> {
    const call = this.d.calls.get(leg.callId);
    if (!call) return;
    if (call.callerGone) return this.d.shell.stopLeg(leg);
    call.session.event(`${leg.kind}.answered`, { channelId: leg.channelId });
    await this.bridge(call, leg);
  }

  /**
   * The overflow number or the transfer target did not answer: the caller goes back ahead in the
   * queue the call was last in (for an overflow, the one it overflowed from).
   */
  farEndFailed(call: QueuedCall, kind: Leg['kind']): void {
    call.session.event(`${kind}.failed`, {});
    const queue = kind === 'overflow' ? call.overflowedFrom : call.queue;
    if (call.callerGone || !queue) return;
    call.ended = false;
    this.d.shell.input({ type: 'call.enqueued', callId: call.session.callId, queue, language: call.language, priority: 10 });
  }

  /** Dials a number through the trunk (or an agent's phone) into the call's bridge; the caller hears music meanwhile. */
  async dialFarEnd(call: QueuedCall, kind: 'overflow' | 'transfer', endpoint: string, variables?: Record<string, string>): Promise<void> {
    const { callId } = call.session;
    const leg = this.d.legs.open(callId, kind, null);
    try {
      await this.d.media.startMusicOnHold(call.session.bridgeId);
      await this.d.media.dial({ channelId: leg.channelId, endpoint, appArgs: ['acd-leg', callId], timeoutSec: 60, callerChannelId: call.session.channelId, ...(variables ? { variables } : {}) });
    } catch (err) {
      this.d.legs.close(leg.channelId);
      this.d.log.warn({ callId, endpoint, err: String(err) }, `${kind} target could not be dialled`);
      this.farEndFailed(call, kind);
    }
  }

  trunkEndpoint(number: string): string {
    return `PJSIP/${number.replace(/^\+/, '')}@${this.d.trunk}`;
  }

  private async overflowToNumber(callId: string, number: string, context: Record<string, string>): Promise<void> {
    const call = this.d.calls.get(callId);
    if (!call || call.callerGone) return;
    call.overflowedFrom = call.queue;
    await this.dialFarEnd(call, 'overflow', this.trunkEndpoint(number), {
      'PJSIP_HEADER(add,X-CCAPP-Call-Id)': callId,
      'PJSIP_HEADER(add,X-CCAPP-Context)': new URLSearchParams(context).toString(),
    });
  }

  private async announce(callId: string, position: number, expectedWaitMs: number): Promise<void> {
    const call = this.d.calls.get(callId);
    if (!call || call.callerGone) return;
    const { session, tenant } = call;
    const lang = call.language ?? tenant.languages[0] ?? 'fr';
    const p = (name: string) => this.d.prompt(tenant.slug, name, lang);
    const minutes = Math.max(1, Math.round(expectedWaitMs / 60_000));
    const media = [p('queue-position'), ...(position <= MAX_SPOKEN ? [p(`number-${position}`)] : []),
      p('expected-wait'), ...(minutes <= MAX_SPOKEN ? [p(`number-${minutes}`)] : [])];
    session.event('queue.announced', { position, expectedWaitMs });
    await this.d.media.play({ kind: 'channel', id: session.channelId }, session.nextPlaybackId(), media, session.signal);
  }
}
