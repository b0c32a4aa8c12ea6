// The tenants' queues and agents as the ACD core sees them. Queue ids are per tenant in the
// configuration ("technique" in two tenants), so the core gets "<tenant>/<queue>"; events written
// to the journal carry the tenant's own id again.
import type { Tenant } from '../../../pbx-config/schema/tenant.js';
import type { AgentRecord } from '../../agents/directory.js';
import type { AgentConfig, QueueConfig } from '../core/types.js';
import { coreQueueId, localQueueId } from '../../call-contract/ids.js';


export function queueConfigs(tenants: readonly Tenant[]): QueueConfig[] {
  return tenants.flatMap((t) => t.queues.map((q): QueueConfig => {
    const { label: _label, line, overflowTarget, ...settings } = q;
    return {
      ...settings,
      id: coreQueueId(t.slug, q.id),
      tenant: t.slug,
      line: line ?? t.lines[0]?.id ?? 'main',
      ...(overflowTarget ? { overflowTarget: overflowTarget.kind === 'queue' ? { kind: 'queue', id: coreQueueId(t.slug, overflowTarget.id) } : overflowTarget } : {}),
    };
  }));
}

export function agentConfigs(agents: readonly AgentRecord[]): AgentConfig[] {
  return agents.map((a) => ({ id: a.id, tenant: a.tenant, skills: a.skills }));
}

/** Event data with the tenant's own queue ids (queue, overflowFrom, a queue overflow target). */
export function localiseEventData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const key of ['queue', 'overflowFrom']) {
    const v = out[key];
    if (typeof v === 'string') out[key] = localQueueId(v);
  }
  const target = out.target as { kind?: unknown; id?: unknown } | undefined;
  if (target && target.kind === 'queue' && typeof target.id === 'string') out.target = { ...target, id: localQueueId(target.id) };
  return out;
}
