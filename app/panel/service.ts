// Builds an agent's panel: the live part (assemble.ts), completed from MariaDB with the caller's
// previous calls, an IVR path the journal notes lack (a call that started before a restart), the
// line of a call no longer live and whether its wrap-up was saved. A panel is built again at every
// change (live.ts), so what MariaDB answers for a call is kept per call (bounded): the history of a
// caller does not change while their call is shown, a saved wrap-up stays saved.
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { NotFoundError } from '../errors/domain.js';
import { assemblePanel, callReasonsOf, type PanelSources } from './assemble.js';
import { BoundedMap } from './bounded.js';
import type { LiveNotes } from './notes.js';
import type { PanelStore, StoredCall } from './store.js';
import type { IvrStep, Panel } from './types.js';

const MAX_CACHED = 5_000;

export interface PanelServiceDeps extends PanelSources {
  tenants: readonly Tenant[];
  notes: PanelSources['notes'] & Pick<LiveNotes, 'ivrPath'>;
  store: Pick<PanelStore, 'history' | 'ivrPath' | 'call' | 'wrapupSaved'>;
  now?: () => number;
}

export class PanelService {
  private readonly histories = new BoundedMap<string, Promise<StoredCall[]>>(MAX_CACHED);
  private readonly ivrPaths = new BoundedMap<string, Promise<IvrStep[]>>(MAX_CACHED);
  private readonly lines = new BoundedMap<string, Promise<string | undefined>>(MAX_CACHED);
  private readonly saved = new BoundedMap<string, boolean>(MAX_CACHED);
  private readonly now: () => number;

  constructor(private readonly deps: PanelServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  tenant(slug: string): Tenant | undefined {
    return this.deps.tenants.find((t) => t.slug === slug);
  }

  /** The agent's whole panel (404 for an agent the ACD has not loaded, or a tenant not served here). */
  async build(tenant: TenantRef, agentId: string): Promise<Panel> {
    const config = this.tenant(tenant.slug);
    const draft = config && assemblePanel(this.deps, config, agentId, this.now());
    if (!config || !draft) throw new NotFoundError('agent.not_found', `no agent ${agentId} in this tenant`, { agent: agentId });
    const { panel, needs } = draft;
    if (panel.call && needs.call) {
      const { id, callerNumber } = needs.call;
      const [ivrPath, history] = await Promise.all([
        needs.call.ivrPath ?? this.deps.notes.ivrPath(id) ?? this.cached(this.ivrPaths, id, () => this.deps.store.ivrPath(id)),
        callerNumber ? this.cached(this.histories, id, () => this.deps.store.history(tenant.id, callerNumber, id)) : [],
      ]);
      panel.call.ivrPath = ivrPath.map((step) => withChoice(config, step));
      panel.call.history = history.map((h) => ({
        callId: h.callId, at: h.at.toISOString(), outcome: h.outcome, agent: h.agentName,
        line: config.lines.find((l) => l.id === h.line)?.label ?? h.line ?? '',
      }));
    }
    if (panel.wrapup && needs.wrapup) {
      const { callId, lingering } = needs.wrapup;
      const saved = await this.wrapupSaved(callId);
      if (lingering && saved) {
        panel.wrapup = null;
        if (!panel.call) panel.callReasons = [];
      } else {
        panel.wrapup.saved = saved;
      }
      if (panel.wrapup && !panel.call && needs.wrapup.line === undefined) {
        panel.callReasons = callReasonsOf(config, await this.cached(this.lines, callId, async () => (await this.deps.store.call(tenant.id, callId))?.line ?? undefined));
      }
    }
    return panel;
  }

  /** A wrap-up was just saved (wrapup.ts): the panels say so without asking MariaDB. */
  wrapupWasSaved(callId: string): void {
    this.saved.set(callId, true);
  }

  private async wrapupSaved(callId: string): Promise<boolean> {
    const known = this.saved.get(callId);
    if (known !== undefined) return known;
    // Every save goes through this process's route (wrapupWasSaved): what MariaDB says stays true.
    const saved = await this.deps.store.wrapupSaved(callId);
    if (!this.saved.has(callId)) this.saved.set(callId, saved);
    return this.saved.get(callId) ?? saved;
  }

  /** One query per call and key, shared by concurrent builds; a failed one is asked again next time. */
  private cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let p = map.get(key);
    if (!p) {
      p = load();
      map.set(key, p);
      p.catch(() => { if (map.get(key) === p) map.delete(key); });
    }
    return p;
  }
}

/**
 * A menu key with where it led in the tenant's flow: the queue's label when the key went to a
 * queue (through a calendar too, its open branch), else the step's name.
 */
export function withChoice(tenant: Tenant, step: IvrStep): IvrStep {
  if (step.kind !== 'key' || step.flow === undefined) return step;
  const steps = tenant.flows[step.flow]?.steps;
  const menu = steps?.[step.menu];
  const target = menu?.type === 'menu' ? menu.options[step.key] : undefined;
  if (!steps || target === undefined) return step;
  const next = steps[target];
  const via = next?.type === 'calendar' ? steps[next.open] : next;
  const label = via?.type === 'queue' ? tenant.queues.find((q) => q.id === via.queue)?.label : undefined;
  return { ...step, choice: label ?? target };
}
