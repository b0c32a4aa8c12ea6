// How many outbound legs (calls through the trunk) are live, per tenant and per agent, against the
// tenant's caps. A leg holds a lease from its dial until its end; the lease is released exactly
// once, whichever way the leg ends (failure, hang-up after the answer, a reconciliation finding it
// gone). Counts live in memory: after a restart, legs taken back are counted again (adopt).
export type LimitRule = 'tenant_limit' | 'agent_limit';

export interface Limits {
  /** Live legs of the tenant at most. */
  tenant: number;
  /** Live legs counted against one agent at most. */
  perAgent: number;
}

export class Lease {
  private released = false;

  constructor(private readonly limiter: OutboundLimiter, readonly tenant: string, private agent: string | null) {}

  /** The agent the leg counts against, if any. */
  get agentId(): string | null {
    return this.agent;
  }

  get live(): boolean {
    return !this.released;
  }

  /** The leg ended: it no longer counts. Later calls do nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.limiter.forget(this.tenant, this.agent);
  }

  /** The agent left the leg (a transfer handed over): it counts for the tenant only from now. */
  detachAgent(): void {
    if (this.released || this.agent === null) return;
    this.limiter.forget(null, this.agent);
    this.agent = null;
  }
}

export class OutboundLimiter {
  private readonly tenants = new Map<string, number>();
  private readonly agents = new Map<string, number>();

  /** A lease for one more leg, or the cap it would break. */
  acquire(tenant: string, agentId: string | null, limits: Limits): Lease | LimitRule {
    if (this.liveFor(tenant) >= limits.tenant) return 'tenant_limit';
    if (agentId !== null && this.liveForAgent(agentId) >= limits.perAgent) return 'agent_limit';
    return this.count(tenant, agentId);
  }

  /** A leg that exists already (taken back after a restart): counted whatever the caps. */
  adopt(tenant: string, agentId: string | null): Lease {
    return this.count(tenant, agentId);
  }

  liveFor(tenant: string): number {
    return this.tenants.get(tenant) ?? 0;
  }

  liveForAgent(agentId: string): number {
    return this.agents.get(agentId) ?? 0;
  }

  /** For Lease only. */
  forget(tenant: string | null, agentId: string | null): void {
    if (tenant !== null) decrement(this.tenants, tenant);
    if (agentId !== null) decrement(this.agents, agentId);
  }

  private count(tenant: string, agentId: string | null): Lease {
    this.tenants.set(tenant, this.liveFor(tenant) + 1);
    if (agentId !== null) this.agents.set(agentId, this.liveForAgent(agentId) + 1);
    return new Lease(this, tenant, agentId);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const n = (counts.get(key) ?? 0) - 1;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
