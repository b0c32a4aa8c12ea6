// Transfers of a call an agent is talking on, as the API asks for them: blind (the agent leaves at
// once and the target is dialled while the caller hears music) or attended (consult.ts: the agent
// talks with the target first). A target is another agent of the tenant, or a number: a number goes
// through the tenant's dialling guard first (policy and outbound caps), and the leg dialled to it
// holds the guard's lease until it ends.
import type { DiallingGuard, DialPurpose, RefusalRule } from '../../dialling/guard.js';
import type { Lease } from '../../dialling/limiter.js';
import type { RequestedBy } from '../../dialling/requester.js';
import type { AcdActions } from './actions.js';
import type { ConsultOutcome, Consultations, TransferTarget } from './consult.js';
import type { Leg } from './legs.js';
import type { AcdShell } from './shell.js';
import type { QueuedCall } from './shell-types.js';

/** What a transfer request came to: done, the call's state forbids it, or the number was refused. */
export type TransferOutcome = ConsultOutcome | { refused: RefusalRule };

interface FarEnd {
  endpoint: string;
  lease?: Lease | undefined;
}

export class Transfers {
  constructor(
    private readonly shell: AcdShell,
    private readonly actions: AcdActions,
    private readonly consults: Consultations,
    private readonly dialling: DiallingGuard,
  ) {}

  /**
   * Blind transfer: the agent leaves (and wraps up), the caller hears music while the target is
   * dialled, and talks with it once it answers; a target that does not answer sends the caller
   * back ahead in the queue. The leg counts against the tenant only: the agent is not on it.
   */
  transfer(callId: string, to: TransferTarget, requestedBy: RequestedBy): TransferOutcome {
    const checked = this.transferable(callId, to);
    if (typeof checked === 'string') return checked;
    const { call, agentLeg } = checked;
    const far = this.farEnd(call, to, 'transfer', null, requestedBy);
    if ('refused' in far) return far;
    call.session.event('call.transferred', { mode: 'blind', to: to.kind === 'number' ? { kind: 'number', id: to.number } : { kind: 'agent', id: to.agentId }, by: agentLeg.agentId });
    call.ended = true;
    this.shell.input({ type: 'call.ended', callId });
    this.shell.stopLeg(agentLeg);
    this.shell.inOrder(callId, () => this.actions.dialFarEnd(call, 'transfer', far.endpoint, undefined, far.lease));
    return 'ok';
  }

  /** Attended transfer, first step: the agent consults the target while the caller waits; the leg counts against the agent. */
  consult(callId: string, to: TransferTarget, requestedBy: RequestedBy): TransferOutcome {
    const checked = this.transferable(callId, to);
    if (typeof checked === 'string') return checked;
    const { call, agentLeg } = checked;
    const far = this.farEnd(call, to, 'consult', agentLeg.agentId, requestedBy);
    if ('refused' in far) return far;
    const outcome = this.consults.start(call, agentLeg, to, far.endpoint, far.lease);
    if (outcome !== 'ok') far.lease?.release();
    // The consultation's music takes over from a hold (hold.ts); its end takes the agent back to the caller.
    else delete call.held;
    return outcome;
  }

  /** Attended transfer, last step: `complete` hands the caller to the target, `cancel` takes them back. */
  endConsult(callId: string, how: 'complete' | 'cancel'): ConsultOutcome {
    const call = this.shell.calls.get(callId);
    if (!call || call.callerGone) return 'unknown call';
    return how === 'complete' ? this.consults.complete(call) : this.consults.cancel(call);
  }

  private transferable(callId: string, to: TransferTarget): ConsultOutcome | { call: QueuedCall; agentLeg: Leg } {
    const call = this.shell.calls.get(callId);
    if (!call || call.callerGone) return 'unknown call';
    const agentLeg = this.shell.agentOnCall(callId);
    if (!agentLeg) return 'not with an agent';
    if (this.consults.of(callId)) return 'already consulting';
    if (to.kind === 'agent' && this.shell.agent(to.agentId)?.tenant !== call.tenant.slug) return 'unknown agent';
    return { call, agentLeg };
  }

  /** The endpoint to dial: an agent's phone, or a number the guard allowed (with its lease). */
  private farEnd(call: QueuedCall, to: TransferTarget, purpose: DialPurpose, agentId: string | null, requestedBy: RequestedBy): FarEnd | { refused: RefusalRule } {
    if (to.kind === 'agent') return { endpoint: `PJSIP/${this.shell.agent(to.agentId)?.sipUsername ?? ''}` };
    const grant = this.dialling.authorise({ tenant: call.tenant, number: to.number, purpose, requestedBy, agentId, call: call.session });
    if (!grant.ok) return { refused: grant.rule };
    return { endpoint: this.actions.trunkEndpoint(grant.dial), lease: grant.lease };
  }
}
