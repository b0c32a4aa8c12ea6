// The one place every number the appliance dials is checked: the tenant's dialling policy
// (policy.ts), then the caps on outbound legs at once (limiter.ts). The ACD shell (callbacks,
// transfers, consultations, overflow) and the click-to-call service are given the same guard.
// A refusal is logged with who asked and written as a `dialling.refused` event: on the call's
// timeline when there is a call, else (a click-to-call refused before its call exists) among the
// agent's events.
import { randomUUID } from 'node:crypto';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import { type Lease, type LimitRule, OutboundLimiter } from './limiter.js';
import { checkNumber, type PolicyRule, type PolicyVerdict, rulesFor } from './policy.js';
import type { RequestedBy } from './requester.js';
import type { DiallingPolicy } from './schema.js';

export type DialPurpose = 'callback' | 'click_to_call' | 'transfer' | 'consult' | 'overflow';
export type RefusalRule = PolicyRule | LimitRule;

/** What the guard needs of a tenant (pbx-config's Tenant has it). */
export interface DiallingTenant {
  slug: string;
  country: 'FR' | 'MA';
  dialling?: Partial<DiallingPolicy> | undefined;
}

export interface DialRequest {
  tenant: DiallingTenant;
  /** As it was dialled or typed. */
  number: string;
  purpose: DialPurpose;
  requestedBy: RequestedBy;
  /** The agent the leg counts against (their click-to-call, consultation or callback), or null. */
  agentId: string | null;
  /** The call the leg is for, whose timeline gets the refusal; none for a click-to-call not yet placed. */
  call?: { callId: string; event(type: string, data?: Record<string, unknown>): void } | undefined;
}

export type DialGrant = { ok: true; dial: string; lease: Lease };
export type DialRefusal = { ok: false; rule: RefusalRule };

export interface DiallingGuardDeps {
  journal: CallJournal;
  log: Logger;
  limiter?: OutboundLimiter;
  now?: () => number;
}

/** Defaults of the caps when a tenant's configuration gives none (schema.ts has the same). */
const DEFAULT_LIMITS = { tenant: 10, perAgent: 2 };

export class DiallingGuard {
  readonly limiter: OutboundLimiter;
  private readonly now: () => number;

  constructor(private readonly deps: DiallingGuardDeps) {
    this.limiter = deps.limiter ?? new OutboundLimiter();
    this.now = deps.now ?? Date.now;
  }

  /** The policy alone, for a number checked before anything is dialled (the callback dialogue); a refusal is logged and written. */
  check(req: DialRequest): PolicyVerdict {
    const verdict = checkNumber(rulesFor(req.tenant), req.number);
    if (!verdict.ok) this.refused(req, verdict.rule);
    return verdict;
  }

  /** The policy, then a lease on one more outbound leg; the caller releases the lease when the leg ends. */
  authorise(req: DialRequest): DialGrant | DialRefusal {
    const verdict = this.check(req);
    if (!verdict.ok) return verdict;
    const p = req.tenant.dialling;
    const lease = this.limiter.acquire(req.tenant.slug, req.agentId, {
      tenant: p?.maxConcurrentOutbound ?? DEFAULT_LIMITS.tenant, perAgent: p?.maxConcurrentOutboundPerAgent ?? DEFAULT_LIMITS.perAgent,
    });
    if (typeof lease === 'string') {
      this.refused(req, lease);
      return { ok: false, rule: lease };
    }
    return { ok: true, dial: verdict.dial, lease };
  }

  /** A leg taken back after a restart: it counts again, whatever the caps. */
  adopt(tenant: string, agentId: string | null): Lease {
    return this.limiter.adopt(tenant, agentId);
  }

  private refused(req: DialRequest, rule: RefusalRule): void {
    const data = { number: req.number, rule, purpose: req.purpose, requestedBy: req.requestedBy };
    this.deps.log.warn({ tenant: req.tenant.slug, callId: req.call?.callId, agentId: req.agentId, ...data }, 'dialling refused');
    if (req.call) {
      req.call.event('dialling.refused', data);
      return;
    }
    if (req.agentId === null) return;
    this.deps.journal.append({ kind: 'agent-event', event: { id: randomUUID(), tenant: req.tenant.slug, agentId: req.agentId, type: 'dialling.refused', at: new Date(this.now()), data } });
  }
}
