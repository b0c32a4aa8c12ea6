// The journal's one hook for per-call summaries (the KPI module's call_facts): after a batch's rows
// are written, in the batch's transaction, the store names the calls whose end or whose agent's
// wrap-up end that batch wrote, once the call is final (wrap-ups.ts: a call whose agent is still
// wrapping it up waits for that). The journal knows only this interface; app/kpi implements it.
import type { Transaction } from 'sequelize';
import type { JournalEntry } from './entries.js';

export interface CallSummariser {
  /**
   * Summarises these calls again from what is stored, in `transaction` (it sees this batch's rows).
   * Must be idempotent: a batch is written again whole after a connection error or lock conflict.
   */
  summarise(callIds: readonly string[], transaction: Transaction): Promise<void>;
  /**
   * The calls that should be summarised and may not be: those whose summary waited for a wrap-up
   * end that a stopped process never wrote. Asked once, in a new store's first batch.
   */
  unsummarised?(transaction: Transaction): Promise<string[]>;
}

/**
 * Call events after which a call's summary changes for good: its hang-up ends the call (waits,
 * abandons, talk), and the wrap-up end, written later, completes the agent's handle time.
 */
export const SUMMARY_EVENTS: ReadonlySet<string> = new Set(['call.hangup', 'agent.wrapup_ended']);

/** The calls (each once, in order of first mention) whose end or wrap-up end these entries write. */
export function callsToSummarise(entries: readonly JournalEntry[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'call-update' && e.update.endedAt) ids.add(e.callId);
    else if (e.kind === 'event' && SUMMARY_EVENTS.has(e.event.type)) ids.add(e.event.callId);
  }
  return [...ids];
}
