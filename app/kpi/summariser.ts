// The KPI module's side of the journal's summary hook (app/journal/summaries.ts): each call that
// a journal batch makes final (its end, or its agent's wrap-up end, written) is summarised into
// call_facts, and its contribution to the slot and day sums updated, in the batch's own
// transaction. An outbound or unknown call has nothing to summarise. The app wires it where it
// builds the journal's store (app/server/compose.ts).
import type { Sequelize, Transaction } from 'sequelize';
import type { Models } from '../../db/models/index.js';
import type { JournalLog } from '../journal/journal.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import type { CallSummariser } from '../journal/summaries.js';
import { KpiFactStore } from './fact-store.js';

/** How far back a new store looks for calls left unsummarised by a stopped process. */
export const SWEEP_LOOKBACK_MS = 24 * 3_600_000;

export class KpiSummariser implements CallSummariser {
  constructor(private readonly facts: KpiFactStore, private readonly now: () => Date = () => new Date()) {}

  async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    for (const callId of callIds) await this.facts.refresh(callId, { transaction });
  }

  /** Calls of the last day left unsummarised (KpiFactStore.unsummarised). */
  unsummarised(transaction: Transaction): Promise<string[]> {
    return this.facts.unsummarised(new Date(this.now().getTime() - SWEEP_LOOKBACK_MS), transaction);
  }
}

/** The journal's SQL store as the app builds it: every call that ends is summarised for the KPIs. */
export function journalStoreWithKpis(sequelize: Sequelize, models: Models, siteName: string, log: Pick<JournalLog, 'error'>, now?: () => Date): SqlJournalStore {
  return new SqlJournalStore(sequelize, models, siteName, { summariser: new KpiSummariser(new KpiFactStore(sequelize), now), log });
}
