// The click-to-call service: places calls for agents (pausing them in the ACD meanwhile), follows
// each call's two legs through the media core's events, and takes calls back after a restart.
// Calls live in memory and in Asterisk (deterministic channel ids, a channel variable), history
// in the journal. The number goes through the tenant's dialling guard (policy, then outbound caps)
// before anything rings; the call holds the guard's lease until it is closed.
import { randomUUID } from 'node:crypto';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AcdShell } from '../acd/shell/shell.js';
import { DiallingRefusedError } from '../dialling/errors.js';
import type { DiallingGuard } from '../dialling/guard.js';
import type { Lease } from '../dialling/limiter.js';
import type { RequestedBy } from '../dialling/requester.js';
import { ConflictError } from '../errors/domain.js';
import type { MediaEvent } from '../media/types.js';
import { OUTBOUND_PAUSE_REASON, priorPresence, refusal } from './agent-state.js';
import { type LegState, OutboundCall, type OutboundCallDeps } from './call.js';
import { MediaUnavailableError } from './errors.js';
import { parseOutboundLegId } from './legs.js';
import type { CallerLine } from './request.js';
import type { OutboundPlace } from './variables.js';

/** Ring limits: the agent's phone 20 s, the customer 60 s. */
export const RING_TIMEOUTS = { agentMs: 20_000, customerMs: 60_000 };

export interface OutboundServiceDeps extends Omit<OutboundCallDeps, 'agents' | 'after' | 'now' | 'ringTimeouts'> {
  acd: Pick<AcdShell, 'agent' | 'agentView' | 'command' | 'agentList' | 'dialling'>;
  /** The dialling guard; by default the ACD shell's, so that both count the same outbound legs. */
  dialling?: DiallingGuard;
  tenants: readonly Tenant[];
  ringTimeouts?: OutboundCallDeps['ringTimeouts'];
  after?: OutboundCallDeps['after'];
  now?: () => number;
}

export interface PlaceCall {
  tenant: Tenant;
  agent: { id: string; sipUsername: string };
  /** As the agent gave it (shown on their phone); the trunk gets the digits the dialling policy gives. */
  number: string;
  caller: CallerLine;
  /** Who asked (the request's credentials), for the log and a refusal's event. */
  requestedBy: RequestedBy;
}

const defaultAfter = (ms: number, fn: () => void): (() => void) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export class OutboundService {
  private readonly calls = new Map<string, OutboundCall>();
  private readonly byAgent = new Map<string, OutboundCall>();
  private readonly callDeps: OutboundCallDeps;
  private readonly now: () => number;
  private readonly dialling: DiallingGuard;

  constructor(private readonly deps: OutboundServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.dialling = deps.dialling ?? deps.acd.dialling;
    this.callDeps = { ...deps, agents: deps.acd, ringTimeouts: deps.ringTimeouts ?? RING_TIMEOUTS, after: deps.after ?? defaultAfter, now: this.now };
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  /**
   * Places a call for an agent who is available or paused (409 `agent.busy` otherwise) to a number
   * the tenant's dialling policy allows (422 `dialling.refused`; 429 past the outbound caps): the
   * agent is paused with the reason `outbound`, then their phone rings. Returns the call's id.
   */
  place(req: PlaceCall): string {
    if (!this.deps.media.connected) throw new MediaUnavailableError('media.unavailable', 'Asterisk is not connected: no call can be placed now', {});
    const { acd } = this.deps;
    const agentId = req.agent.id;
    const view = acd.agentView(agentId);
    const why = refusal(view, this.byAgent.has(agentId));
    if (why || !view) throw new ConflictError('agent.busy', `the agent cannot place a call now: ${why ?? 'unknown agent state'}`, { agent: agentId, state: view?.state ?? 'logged_out', registered: view?.registered ?? false });
    const grant = this.dialling.authorise({ tenant: req.tenant, number: req.number, purpose: 'click_to_call', requestedBy: req.requestedBy, agentId });
    if (!grant.ok) throw new DiallingRefusedError(grant.rule, req.number, 'click_to_call');
    const prior = priorPresence(view);
    const paused = acd.command(agentId, { type: 'pause', reason: OUTBOUND_PAUSE_REASON });
    if (paused?.state !== 'paused' || paused.reason !== OUTBOUND_PAUSE_REASON) {
      grant.lease.release();
      throw new ConflictError('agent.busy', 'the agent could not be set aside from the queues for the call', { agent: agentId, state: paused?.state ?? 'logged_out' });
    }
    const place: OutboundPlace = {
      callId: randomUUID(), tenant: req.tenant.slug, line: req.caller.line, did: req.caller.did, agentId,
      number: grant.dial, prior, startedAt: this.now(),
    };
    const call = this.follow(place, req.agent.sipUsername, req.number, req.tenant, grant.lease);
    call.start();
    return place.callId;
  }

  handleMedia(e: MediaEvent): void {
    if (e.kind === 'channel.state') this.callOf(e.channelId)?.onState(e.channelId, e.state);
    else if (e.kind === 'channel.destroyed') this.callOf(e.channelId)?.onGone(e.channelId, e.cause, e.causeText);
    else if (e.kind === 'dtmf') this.callOf(e.channelId)?.onKey(e.channelId, e.digit);
  }

  /** The call a leg belongs to, when we follow it. */
  callOf(channelId: string): OutboundCall | undefined {
    const leg = parseOutboundLegId(channelId);
    return leg ? this.calls.get(leg.callId) : undefined;
  }

  /** Whether the call is followed here (its id). */
  follows(callId: string): boolean {
    return this.calls.has(callId);
  }

  followed(): OutboundCall[] {
    return [...this.calls.values()];
  }

  /** A call found in Asterisk after a restart (see OutboundCall.adopt); false when its tenant is unknown now. */
  adopt(place: OutboundPlace, legs: { agent: LegState; customer: LegState; customerInBridge: boolean }, recordingStartedAt: Date | undefined): boolean {
    const tenant = this.deps.tenants.find((t) => t.slug === place.tenant);
    if (!tenant || this.calls.has(place.callId)) return false;
    // The call's outbound leg counts again, whatever the caps: it exists already.
    const call = this.follow(place, this.deps.acd.agent(place.agentId)?.sipUsername ?? '', place.number, tenant, this.dialling.adopt(tenant.slug, place.agentId));
    call.adopt(legs.agent, legs.customer, legs.customerInBridge, recordingStartedAt);
    return true;
  }

  /**
   * Agents left paused `outbound` with no call behind it (the call ended while the app was down)
   * are made available again.
   */
  releaseStalePauses(): string[] {
    const released: string[] = [];
    for (const agent of this.deps.acd.agentList()) {
      const view = this.deps.acd.agentView(agent.id);
      if (view?.state !== 'paused' || view.reason !== OUTBOUND_PAUSE_REASON || this.byAgent.has(agent.id)) continue;
      this.deps.acd.command(agent.id, { type: 'unpause' });
      released.push(agent.id);
    }
    return released;
  }

  stop(): void {
    for (const call of this.calls.values()) call.stop();
  }

  /** Follows a call until it is closed, then releases its outbound lease. */
  private follow(place: OutboundPlace, sipUsername: string, shown: string, tenant: Tenant, lease: Lease): OutboundCall {
    const call = new OutboundCall(this.callDeps, { place, sipUsername, shown, recording: tenant.recording }, (c) => {
      lease.release();
      this.calls.delete(c.callId);
      if (this.byAgent.get(c.agentId) === c) this.byAgent.delete(c.agentId);
    });
    this.calls.set(place.callId, call);
    this.byAgent.set(place.agentId, call);
    return call;
  }
}
