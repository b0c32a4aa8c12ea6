// Writes journal entries (calls, call events, recordings, agent events) to MariaDB in one
// transaction per batch, with one statement per table (batch-rows.ts). Rows carry ids generated
// by the app, so an insert whose id exists is skipped (ON DUPLICATE KEY UPDATE id = id: only a
// repeated id is skipped, every other error still throws) and updates set absolute values:
// replaying a batch after a failure, or the spool after a crash, writes nothing twice.
// With a CallSummariser (summaries.ts), the calls that a batch makes final (wrap-ups.ts) are
// summarised in the same transaction, so the KPI sums never miss a written call. Batches run at
// READ COMMITTED: the summaries lock rows that other writers (a rebuild) may have changed, and a
// locking read under REPEATABLE READ would then fail (MariaDB 11.8's snapshot isolation, errno
// 1020). The level is the session's, set once per connection (session.ts), not per transaction.
// A lock conflict or lost connection is transient (the journal writes the batch again); any
// other failure is the data's (JournalDataError: the journal isolates the refused entry).
import type { Sequelize, Transaction } from 'sequelize';
import { insertEventsIgnoringDuplicates } from '../../db/events.js';
import type { Models } from '../../db/models/index.js';
import { insertAgentEvents } from './agent-events.js';
import { batchRows, updateCalls, type BatchRows } from './batch-rows.js';
import { isTransientDbError } from './db-errors.js';
import { Directory } from './directory.js';
import type { JournalEntry, JournalStore, JournalWrite } from './entries.js';
import type { JournalLog } from './journal.js';
import { JournalDataError } from './reject.js';
import { readCommittedSessions, StatementCounter } from './session.js';
import type { CallSummariser } from './summaries.js';
import { WrapUpWaits } from './wrap-ups.js';

/** The per-call summaries a store keeps up to date, and where a summary that cannot be made is reported. */
export interface StoreSummaries {
  summariser: CallSummariser;
  log: Pick<JournalLog, 'error'>;
}

/** How apply() classes a failure: transient errors pass through (the batch is retried whole). */
export function journalStoreError(err: unknown): unknown {
  if (isTransientDbError(err) || err instanceof JournalDataError) return err;
  return new JournalDataError(err instanceof Error ? err.message : String(err), { cause: err });
}

export class SqlJournalStore implements JournalStore {
  private readonly directory: Directory;
  private readonly counter: StatementCounter;
  /** Calls whose summary waits for their wrap-up end. */
  readonly waits = new WrapUpWaits();
  /** Whether the summariser's unsummarised calls were taken (in a committed batch). */
  private swept = false;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: Models,
    private readonly siteName: string,
    private readonly summaries?: StoreSummaries,
  ) {
    this.directory = new Directory(models);
    readCommittedSessions(sequelize);
    this.counter = StatementCounter.of(sequelize);
  }

  async apply(entries: readonly JournalEntry[]): Promise<JournalWrite> {
    const plan = this.waits.plan(entries);
    try {
      const transaction = await this.sequelize.transaction(async (t) => {
        this.counter.track(t);
        await this.write(batchRows(entries), t);
        await this.summarise([...new Set([...plan.calls, ...(await this.sweep(t, plan.waiting))])], t);
        return t;
      });
      plan.commit();
      this.swept = true;
      return { transactions: 1, statements: this.counter.count(transaction) };
    } catch (err) {
      throw journalStoreError(err);
    }
  }

  /** In a new store's batches until one commits: the calls the summariser finds unsummarised, but those waiting. */
  private async sweep(transaction: Transaction, waiting: ReadonlySet<string>): Promise<string[]> {
    const summariser = this.summaries?.summariser;
    if (this.swept || !summariser?.unsummarised) return [];
    return (await summariser.unsummarised(transaction)).filter((id) => !waiting.has(id));
  }

  private async write(rows: BatchRows, transaction: Transaction): Promise<void> {
    const { Call, Recording } = this.models;
    const keepFirst = { updateOnDuplicate: ['id' as const], transaction };
    if (rows.calls.length) {
      const siteId = (await this.directory.siteId(this.siteName, transaction)) ?? null;
      const calls = [];
      for (const c of rows.calls) {
        const tenantId = await this.tenant(c.tenant, transaction);
        const number = await this.directory.number(c.did, transaction);
        const lineId = number?.lineId ?? (await this.directory.lineId(tenantId, c.line, transaction)) ?? null;
        calls.push({ id: c.id, tenantId, siteId, numberId: number?.id ?? null, lineId, direction: c.direction, did: c.did, callerId: c.callerId, channelId: c.channelId, startedAt: c.startedAt });
      }
      await Call.bulkCreate(calls, keepFirst);
    }
    if (rows.events.length) {
      const events = [];
      for (const e of rows.events) events.push({ id: e.id, callId: e.callId, tenantId: await this.tenant(e.tenant, transaction), type: e.type, at: e.at, seq: e.seq, data: (e.data ?? null) as never });
      await insertEventsIgnoringDuplicates(this.models, events, { transaction });
    }
    if (rows.agentEvents.length) {
      const events = [];
      for (const e of rows.agentEvents) events.push({ id: e.id, tenantId: await this.tenant(e.tenant, transaction), agentId: e.agentId, type: e.type, at: e.at, data: e.data ?? null });
      await insertAgentEvents(this.models, events, transaction);
    }
    if (rows.recordings.length) {
      const recordings = [];
      for (const r of rows.recordings) recordings.push({ ...r, tenantId: await this.tenant(r.tenant, transaction) });
      await Recording.bulkCreate(recordings, keepFirst);
    }
    await updateCalls(this.sequelize, rows.updates, transaction);
  }

  /**
   * The summariser's work for these calls, under a savepoint. A transient failure fails the batch
   * (written again whole, summaries included). Any other failure is not the entries' fault: the
   * savepoint is rolled back, each call is tried alone, and the calls that still fail are logged
   * and left unsummarised (`cli.js kpi rebuild` repairs them) while the entries are written.
   */
  private async summarise(callIds: readonly string[], transaction: Transaction): Promise<void> {
    if (!this.summaries || callIds.length === 0) return;
    const { summariser, log } = this.summaries;
    /** Undefined when done; the error's message when it failed for good. */
    const attempt = async (ids: readonly string[]): Promise<string | undefined> => {
      await this.sequelize.query('SAVEPOINT call_summaries', { transaction });
      try {
        await summariser.summarise(ids, transaction);
        return undefined;
      } catch (err) {
        if (isTransientDbError(err)) throw err;
        await this.sequelize.query('ROLLBACK TO SAVEPOINT call_summaries', { transaction });
        return err instanceof Error ? err.message : String(err);
      }
    };
    const failed = await attempt(callIds);
    if (failed === undefined) return;
    for (const callId of callIds) {
      const err = callIds.length === 1 ? failed : await attempt([callId]);
      if (err !== undefined) log.error({ callId, err }, 'call summary failed; the call is journalled without it (cli.js kpi rebuild repairs it)');
    }
  }

  private async tenant(slug: string, transaction: Parameters<Directory['tenantId']>[1]): Promise<number> {
    const id = await this.directory.tenantId(slug, transaction);
    if (id === undefined) throw new JournalDataError(`unknown tenant "${slug}"`);
    return id;
  }
}
