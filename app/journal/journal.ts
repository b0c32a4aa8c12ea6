// The call journal: an ordered write-behind queue in front of MariaDB. Call flows append and
// never wait on the database; the journal writes in order, in batches, and when a write fails
// (MariaDB restarting, say) it keeps the entries and retries with capped backoff: nothing is
// dropped, and since every entry is idempotent nothing is written twice. When a batch fails
// because of its data, it is written again one entry at a time, and only the entry that the
// database refuses is set aside (logged in full and counted), so one bad entry cannot block
// every call behind it.
// An idle journal does not write an entry the moment it arrives: it lingers (lingerMs, 25 ms by
// default) so that the entries a call step appends one after the other, and those of other calls
// meanwhile, go in one batch (one transaction) rather than the first alone and the rest after.
// While a batch is being written, what arrives waits for the next batch anyway.
// Opened with CallJournal.open (the app does), the queue is also kept on disk (spool.ts): each
// entry is in a spool file before append returns, and a new journal first writes what an
// earlier, killed process left there. Built with `new`, it lives in memory only (tests).
import { backoffDelay } from '../ari/backoff.js';
import type { JournalEntry, JournalStore, JournalWrite } from './entries.js';
import { JournalDataError } from './reject.js';
import { JournalSpool, type SpooledEntry, type SpoolRecovery, type SpoolSettings } from './spool.js';

export interface JournalLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Runs `run` after `ms` and returns what cancels it (tests pass a clock they control). */
export type JournalScheduler = (run: () => void, ms: number) => () => void;

const timers: JournalScheduler = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface JournalOptions {
  batchSize?: number;
  /** How long the first entry appended to an idle journal waits for others (ms; 0: the next turn of the event loop). */
  lingerMs?: number;
  /** The lingers and the retry delays; setTimeout by default. */
  schedule?: JournalScheduler;
  onPending?: (count: number) => void;
  onBatchWritten?: (seconds: number) => void;
  /** A batch committed, with what it cost when the store says (SqlJournalStore does). */
  onCommitted?: (write: JournalWrite) => void;
  onRejected?: (entry: JournalEntry) => void;
}

export const DEFAULT_LINGER_MS = 25;

export class CallJournal {
  /** What open() found in the spool: entries of an earlier process, and lines it skipped. */
  recovery: SpoolRecovery = { segments: 0, entries: 0, skipped: 0 };
  private readonly queue: SpooledEntry[] = [];
  private spool: JournalSpool | undefined;
  private stopped = false;
  private running = false;
  private failures = 0;
  /** Entries left to write one by one after a batch failed on its data. */
  private singles = 0;
  /** The next write, scheduled: after a linger, or after a failure's backoff. */
  private wake: { cancel: () => void; linger: boolean } | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly watchers = new Set<(entries: readonly JournalEntry[]) => void>();

  constructor(private readonly store: JournalStore, private readonly log: JournalLog, private readonly opts: JournalOptions = {}) {}

  /** A journal spooled to disk; what the spool holds from an earlier process is written first. */
  static async open(store: JournalStore, log: JournalLog, opts: JournalOptions & SpoolSettings): Promise<CallJournal> {
    const journal = new CallJournal(store, log, opts);
    const { spool, recovered, recovery } = await JournalSpool.open(opts, log);
    journal.spool = spool;
    journal.recovery = recovery;
    if (recovery.segments > 0) log.info({ dir: opts.spoolDir, ...recovery }, 'call journal: writing the entries an earlier process left in the spool');
    if (recovered.length > 0) journal.enqueue(recovered);
    return journal;
  }

  get pending(): number {
    return this.queue.length;
  }

  append(...entries: JournalEntry[]): void {
    const segments = this.spool?.write(entries);
    this.enqueue(entries.map((entry, i) => ({ entry, segment: segments?.[i] })));
    for (const watcher of this.watchers) {
      try {
        watcher(entries);
      } catch (err) {
        this.log.error({ err: err instanceof Error ? err.stack : String(err) }, 'call journal watcher failed');
      }
    }
  }

  /**
   * Calls `watcher` with the entries of every append from now on, as they are appended (live
   * views such as the agent panel follow calls and agents this way); returns what stops it. A
   * watcher that throws is logged: the append itself never fails because of it.
   */
  watch(watcher: (entries: readonly JournalEntry[]) => void): () => void {
    this.watchers.add(watcher);
    return () => { this.watchers.delete(watcher); };
  }

  private enqueue(items: readonly SpooledEntry[]): void {
    this.queue.push(...items);
    this.opts.onPending?.(this.queue.length);
    if (!this.running && !this.wake) this.later(this.opts.lingerMs ?? DEFAULT_LINGER_MS, true);
  }

  private later(ms: number, linger: boolean): void {
    const wake = { cancel: (): void => undefined, linger };
    this.wake = wake;
    // Only the latest wake writes: one cancelled (stop) or replaced must not start a second loop.
    wake.cancel = (this.opts.schedule ?? timers)(() => { if (this.wake === wake) this.kick(); }, ms);
  }

  /** Resolves once everything appended so far is written (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private kick(): void {
    this.wake = undefined;
    this.running = true;
    this.flush().catch((err: unknown) => this.log.warn({ err: String(err) }, 'call journal loop failed'));
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.singles > 0 ? 1 : (this.opts.batchSize ?? 200)).map((i) => i.entry);
      const started = process.hrtime.bigint();
      let write: JournalWrite | void;
      try {
        write = await this.store.apply(batch);
      } catch (err) {
        if (err instanceof JournalDataError) {
          if (batch.length > 1) {
            this.singles = batch.length;
            continue;
          }
          const refused = this.queue.splice(0, 1);
          this.spool?.written(refused);
          const entry = refused[0]?.entry;
          this.singles = Math.max(0, this.singles - 1);
          this.log.error({ entry, err: err.message }, 'call journal entry refused by the database; set aside');
          if (entry) this.opts.onRejected?.(entry);
          continue;
        }
        const delay = backoffDelay(this.failures++, { initialMs: 200, maxMs: 5000, factor: 2, jitter: 0.2 });
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.log.warn({ err: err instanceof Error ? err.message : String(err), pending: this.queue.length, retryInMs: delay }, 'call journal cannot write; keeping entries and retrying');
        }
        this.running = false;
        if (!this.stopped) this.later(delay, false);
        return;
      }
      if (this.failures > 0) this.log.info({ afterFailures: this.failures }, 'call journal writes again');
      this.failures = 0;
      const written = this.queue.splice(0, batch.length);
      this.spool?.written(written);
      this.singles = Math.max(0, this.singles - batch.length);
      this.opts.onBatchWritten?.(Number(process.hrtime.bigint() - started) / 1e9);
      if (write) this.opts.onCommitted?.(write);
      this.opts.onPending?.(this.queue.length);
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** No more retries after a failure (a write under way, lingering, or for a later append, is
   * still tried: a linger ends at once); the spool is fdatasync'ed and what it holds waits for
   * the next start. */
  stop(): void {
    this.stopped = true;
    const wake = this.wake;
    wake?.cancel();
    this.wake = undefined;
    if (wake?.linger) this.kick();
    this.spool?.stop();
  }
}
