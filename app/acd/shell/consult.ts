// Attended transfer: the agent on a call consults a colleague (an agent of the tenant) or an
// outside number before handing the caller over. The agent's leg moves from the call's bridge to a
// consultation bridge `consult-<call id>` (the caller hears music), and the target is dialled into
// it. Then the agent completes (the target takes the agent's place with the caller, the agent
// leaves and wraps up) or cancels (the target is hung up, the agent is back with the caller).
// A target that does not answer, or hangs up, cancels; an agent who hangs up once the target has
// answered completes, as on a desk phone; one who hangs up before sends the caller back ahead in
// the queue. The call's recording (of the call's bridge) goes on; the consultation is not recorded.
import type { Lease } from '../../dialling/limiter.js';
import type { Leg } from './legs.js';
import type { AcdShell } from './shell.js';
import type { AcdShellDeps, QueuedCall } from './shell-types.js';

export type TransferTarget = { kind: 'number'; number: string } | { kind: 'agent'; agentId: string };

export interface Consultation {
  bridgeId: string;
  agentLeg: Leg;
  target: Leg;
  to: TransferTarget;
}

export type ConsultOutcome = 'ok' | 'unknown call' | 'not with an agent' | 'unknown agent' | 'already consulting' | 'no consultation' | 'target has not answered';

const bridgeIdFor = (callId: string): string => `consult-${callId}`;
const describe = (to: TransferTarget) => (to.kind === 'number' ? { kind: 'number', id: to.number } : { kind: 'agent', id: to.agentId });

export class Consultations {
  private readonly open = new Map<string, Consultation>();

  constructor(private readonly shell: AcdShell, private readonly deps: Pick<AcdShellDeps, 'media' | 'log'>) {}

  of(callId: string): Consultation | undefined {
    return this.open.get(callId);
  }

  /** Starts consulting `to` for the call; the caller waits with music. A number's leg holds `lease` (the dialling guard's) until it ends. */
  start(call: QueuedCall, agentLeg: Leg, to: TransferTarget, endpoint: string, lease?: Lease): ConsultOutcome {
    const { callId } = call.session;
    if (this.open.has(callId)) return 'already consulting';
    const target = this.shell.legs.open(callId, 'consult', to.kind === 'agent' ? to.agentId : null, lease);
    const c: Consultation = { bridgeId: bridgeIdFor(callId), agentLeg, target, to };
    this.open.set(callId, c);
    call.session.event('consult.started', { to: describe(to), by: agentLeg.agentId });
    const { media } = this.deps;
    // A call the panel held (hold.ts) has the agent's leg out of its bridge already.
    const legInBridge = call.held !== 'panel';
    this.shell.inOrder(callId, async () => {
      await media.createBridge(c.bridgeId, 'mixing', `${call.session.tenant}:consult`);
      if (legInBridge) await media.removeFromBridge(call.session.bridgeId, [agentLeg.channelId]);
      await media.startMusicOnHold({ kind: 'bridge', id: call.session.bridgeId });
      await media.addToBridge(c.bridgeId, [agentLeg.channelId]);
      try {
        await media.dial({ channelId: target.channelId, endpoint, appArgs: ['acd-leg', callId], timeoutSec: 30, callerChannelId: call.session.channelId });
        // Stopped while Asterisk was still making it: its hang-up found nothing then.
        if (target.state === 'stopping') await media.hangup(target.channelId, 'normal');
      } catch (err) {
        this.deps.log.warn({ callId, endpoint, err: String(err) }, 'consultation target could not be dialled');
        this.shell.legs.close(target.channelId);
        await this.backToCaller(call, c, 'failed');
      }
    });
    return 'ok';
  }

  /** The target answered: it talks with the agent. */
  answered(call: QueuedCall, leg: Leg): void {
    const c = this.open.get(leg.callId);
    if (!c || c.target !== leg) return;
    call.session.event('consult.answered', { channelId: leg.channelId });
    this.shell.inOrder(leg.callId, () => this.deps.media.addToBridge(c.bridgeId, [leg.channelId]));
  }

  /** The agent hands the caller to the target, which must have answered. */
  complete(call: QueuedCall, by: 'agent' | 'api' = 'api'): ConsultOutcome {
    const { callId } = call.session;
    const c = this.open.get(callId);
    if (!c) return 'no consultation';
    if (c.target.state !== 'up') return 'target has not answered';
    this.open.delete(callId);
    c.target.kind = 'transfer';
    // The agent leaves: the number's leg counts for the tenant only from now.
    c.target.lease?.detachAgent();
    call.session.event('call.transferred', { mode: 'attended', to: describe(c.to), by: c.agentLeg.agentId, ...(by === 'agent' ? { on: 'agent hang-up' } : {}) });
    call.ended = true;
    this.shell.input({ type: 'call.ended', callId });
    this.shell.stopLeg(c.agentLeg);
    const { media } = this.deps;
    this.shell.inOrder(callId, async () => {
      await media.removeFromBridge(c.bridgeId, [c.target.channelId]);
      await media.stopMusicOnHold({ kind: 'bridge', id: call.session.bridgeId });
      await media.addToBridge(call.session.bridgeId, [c.target.channelId]);
      await media.destroyBridge(c.bridgeId).catch(() => undefined);
    });
    return 'ok';
  }

  /** The agent goes back to the caller; the target is hung up. */
  cancel(call: QueuedCall): ConsultOutcome {
    const c = this.open.get(call.session.callId);
    if (!c) return 'no consultation';
    this.shell.stopLeg(c.target);
    this.shell.inOrder(call.session.callId, () => this.backToCaller(call, c, 'cancelled'));
    return 'ok';
  }

  /** A leg of the call is gone; true when it was the consultation's and has been dealt with. */
  legGone(call: QueuedCall, leg: Leg): boolean {
    const c = this.open.get(leg.callId);
    if (!c) return false;
    if (leg === c.target) {
      // Refused, unanswered or hung up: the agent is back with the caller.
      if (!call.callerGone) this.shell.inOrder(leg.callId, () => this.backToCaller(call, c, leg.state === 'up' ? 'target hung up' : 'failed'));
      else this.forget(c, leg.callId);
      return true;
    }
    if (leg !== c.agentLeg || call.callerGone) return false;
    call.session.event('agent.hangup', { agent: leg.agentId, during: 'consultation' });
    if (c.target.state === 'up') {
      this.complete(call, 'agent');
      return true;
    }
    // The target has not answered: it is hung up and the caller goes back ahead in the queue.
    this.open.delete(leg.callId);
    this.shell.stopLeg(c.target);
    call.session.event('consult.ended', { reason: 'agent hung up' });
    call.ended = true;
    this.shell.input({ type: 'call.ended', callId: leg.callId });
    this.shell.inOrder(leg.callId, () => this.deps.media.destroyBridge(c.bridgeId).catch(() => undefined));
    if (call.queue) {
      call.ended = false;
      this.shell.input({ type: 'call.enqueued', callId: leg.callId, queue: call.queue, language: call.language, priority: 10 });
    }
    return true;
  }

  /** The caller hung up: the consultation's bridge goes (its legs are hung up with the call's). */
  callerGone(callId: string): void {
    const c = this.open.get(callId);
    if (c) this.forget(c, callId);
  }

  private forget(c: Consultation, callId: string): void {
    this.open.delete(callId);
    this.shell.inOrder(callId, () => this.deps.media.destroyBridge(c.bridgeId).catch(() => undefined));
  }

  private async backToCaller(call: QueuedCall, c: Consultation, reason: string): Promise<void> {
    const { callId } = call.session;
    if (this.open.get(callId) !== c) return;
    this.open.delete(callId);
    call.session.event('consult.ended', { reason });
    const { media } = this.deps;
    await media.removeFromBridge(c.bridgeId, [c.agentLeg.channelId]).catch(() => undefined);
    await media.destroyBridge(c.bridgeId).catch(() => undefined);
    if (call.callerGone || c.agentLeg.state === 'stopping') return;
    await media.stopMusicOnHold({ kind: 'bridge', id: call.session.bridgeId });
    await media.addToBridge(call.session.bridgeId, [c.agentLeg.channelId]);
  }
}
