// When a panel may have changed: every change the panel shows is written to the call journal
// (agents' states and registrations, queue entries and answers, holds, consultations, recordings,
// callbacks, click-to-calls, wrap-ups saved, hang-ups), so the journal's appends are the signal;
// each names its tenant, and only that tenant's panels are built again. The IVR's own steps and
// the position announcements change no panel and are left out.
import type { JournalEntry } from '../journal/entries.js';

export type ChangeListener = (tenant: string) => void;

const QUIET = new Set(['call.arrived', 'call.answered', 'queue.announced', 'dialling.refused']);

/** The tenant whose panels an entry may change; undefined when it changes none. */
export function changedTenant(entry: JournalEntry): string | undefined {
  switch (entry.kind) {
    case 'agent-event': return entry.event.tenant;
    case 'event': {
      const { type, tenant } = entry.event;
      return type.startsWith('ivr.') || QUIET.has(type) ? undefined : tenant;
    }
    default: return undefined;
  }
}

export class PanelChanges {
  private readonly listeners = new Set<ChangeListener>();

  /** Feeds appended journal entries (CallJournal.watch); each tenant is told once per append. */
  observe(entries: readonly JournalEntry[]): void {
    const tenants = new Set<string>();
    for (const e of entries) {
      const t = changedTenant(e);
      if (t !== undefined) tenants.add(t);
    }
    for (const t of tenants) for (const l of this.listeners) l(t);
  }

  /** Calls `listener` with the tenant of every change; returns what stops it. */
  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}
