// Putting calls back into the ACD after a restart: calls found waiting or talking in Asterisk
// (adopted, see app/calls/service.ts) and callbacks promised before, read from the database. They
// go into the shell and into the core through a snapshot, so nothing is written twice.
import type { AdoptedCall } from '../../call-contract/door.js';
import { coreQueueId, localQueueId } from '../../call-contract/ids.js';
import type { AcdCore } from '../core/acd.js';
import type { PendingCallback } from './pending-callbacks.js';
import { adoptedCall, pendingCallback, type RestoredCall } from './restore.js';
import type { AcdShell } from './shell.js';
import type { AcdShellDeps } from './shell-types.js';

export interface RestorerParts {
  shell: AcdShell;
  deps: AcdShellDeps;
  /** The core now (it is rebuilt when agents are reloaded). */
  core: () => AcdCore;
  queueIds: ReadonlySet<string>;
}

export class CallRestorer {
  constructor(private readonly p: RestorerParts) {}

  /**
   * Calls that were waiting or talking when the app stopped, put back as they were (no new
   * queue.entered, waits still counted from their first entry), so nothing is written twice.
   */
  adopt(list: readonly AdoptedCall[]): void {
    this.restore(list.map(adoptedCall), 'ACD: adopted call not restored');
  }

  private callbacksRestored = false;

  /**
   * Once per process, after the first reconciliation (calls and agents talking are taken back
   * first, so an agent on a call is not offered a callback): the callbacks promised before.
   */
  async reconciled(): Promise<void> {
    if (this.callbacksRestored || !this.p.deps.pendingCallbacks) return;
    const n = this.adoptCallbacks(await this.p.deps.pendingCallbacks());
    this.callbacksRestored = true;
    if (n > 0) this.p.deps.log.info({ callbacks: n }, 'pending callbacks restored');
  }

  /**
   * Callbacks promised before the app stopped (pending-callbacks.ts), put back at their place:
   * the caller is off the line, the call waits for an agent, then the number is called.
   */
  adoptCallbacks(list: readonly PendingCallback[]): number {
    const restored = list.flatMap((p) => {
      const tenant = this.p.deps.tenants.find((x) => x.slug === p.tenant);
      const queue = coreQueueId(p.tenant, p.queue);
      const r = tenant && this.p.queueIds.has(queue) && !this.p.shell.calls.has(p.callId) ? pendingCallback(p, tenant, queue, this.p.deps.journal) : undefined;
      return r && this.stillDiallable(r) ? [r] : [];
    });
    for (const { call } of restored) call.session.event('callback.restored', { queue: localQueueId(call.queue ?? ''), number: call.callback?.number, attempts: call.callback?.attempt });
    this.restore(restored, 'ACD: pending callback not restored');
    return restored.length;
  }

  /**
   * A callback promised before a restart is only put back if the tenant's dialling policy (perhaps
   * changed meanwhile) still allows its number; otherwise it is given up, said on its timeline.
   */
  private stillDiallable({ call }: RestoredCall): boolean {
    const cb = call.callback;
    if (!cb) return true;
    const verdict = this.p.shell.dialling.check({ tenant: call.tenant, number: cb.number, purpose: 'callback', requestedBy: { kind: 'caller' }, agentId: null, call: call.session });
    if (verdict.ok) return true;
    call.session.event('callback.failed', { queue: localQueueId(call.queue ?? ''), number: cb.number, attempts: cb.attempt, reason: 'dialling.refused', rule: verdict.rule });
    return false;
  }

  /** Puts restored calls into the shell and the core (through a snapshot: nothing is written again). */
  private restore(list: readonly RestoredCall[], warning: string): void {
    if (list.length === 0) return;
    const snap = this.p.core().snapshot();
    for (const { call, view, legChannelId } of list) {
      const { callId } = call.session;
      this.p.shell.calls.set(callId, call);
      if (!call.callerGone) this.p.shell.callerChannels.set(call.session.channelId, callId);
      snap.calls.push({ ...view, seq: ++snap.seq });
      const c = view.connected;
      if (!c || !legChannelId) continue;
      const agent = snap.agents.find((v) => v.id === c.agent);
      if (agent) Object.assign(agent, { state: 'on_call', reason: null, call: callId, since: c.answeredAt, wrapUpUntil: null });
      this.p.shell.legs.adopt({ channelId: legChannelId, callId, kind: 'agent', agentId: c.agent, state: 'up' });
    }
    for (const w of this.p.core().restore(snap)) this.p.deps.log.warn({ event: w }, warning);
    this.p.shell.input({ type: 'tick' });
  }
}
