// The KPI module's side of the journal's summary hook (app/journal/summaries.ts): each call whose
// end or wrap-up end a journal batch wrote is summarised again into call_facts, and its slot and
// day sums recomputed, in the batch's own transaction. An outbound or unknown call has nothing
// to summarise. The app wires it where it builds the journal's store (app/server/compose.ts).
import type { Sequelize, Transaction } from 'sequelize';
import type { Models } from '../../db/models/index.js';
import type { JournalLog } from '../journal/journal.js';
import { SqlJournalStore } from '../journal/sql-store.js';
import type { CallSummariser } from '../journal/summaries.js';
import { KpiFactStore } from './fact-store.js';

export class KpiSummariser implements CallSummariser {
  constructor(private readonly facts: KpiFactStore) {}

  async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    for (const callId of callIds) await this.facts.refresh(callId, { transaction });
  }
}

/** The journal's SQL store as the app builds it: every call that ends is summarised for the KPIs. */
export function journalStoreWithKpis(sequelize: Sequelize, models: Models, siteName: string, log: Pick<JournalLog, 'error'>): SqlJournalStore {
  return new SqlJournalStore(sequelize, models, siteName, { summariser: new KpiSummariser(new KpiFactStore(sequelize)), log });
}
