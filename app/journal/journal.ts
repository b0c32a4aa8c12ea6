// The call journal: an ordered write-behind queue in front of MariaDB. Call flows append and
// never wait on the database; the journal writes in order, in batches, and when a write fails
// (MariaDB restarting, say) it keeps the entries and retries with capped backoff: nothing is
// dropped, and since every entry is idempotent nothing is written twice.
import { backoffDelay } from '../ari/backoff.js';
import type { JournalEntry, JournalStore } from './entries.js';
import { JournalRejectError } from './reject.js';

export interface JournalLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface JournalOptions {
  batchSize?: number;
  onPending?: (count: number) => void;
  onBatchWritten?: (seconds: number) => void;
  onRejected?: (entry: JournalEntry) => void;
}

export class CallJournal {
  private readonly queue: JournalEntry[] = [];
  private running = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly store: JournalStore, private readonly log: JournalLog, private readonly opts: JournalOptions = {}) {}

  get pending(): number {
    return this.queue.length;
  }

  append(...entries: JournalEntry[]): void {
    this.queue.push(...entries);
    this.opts.onPending?.(this.queue.length);
    if (!this.running && !this.timer) this.kick();
  }

  /** Resolves once everything appended so far is written (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private kick(): void {
    this.timer = undefined;
    this.running = true;
    this.flush().catch((err: unknown) => this.log.warn({ err: String(err) }, 'call journal loop failed'));
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.opts.batchSize ?? 200);
      const started = process.hrtime.bigint();
      try {
        await this.store.apply(batch);
      } catch (err) {
        if (err instanceof JournalRejectError) {
          // Never written, never silently lost: it goes to the log in full, and the rest goes on.
          const i = this.queue.indexOf(err.entry);
          this.log.error({ entry: err.entry, err: err.message }, 'call journal entry set aside');
          if (i >= 0) this.queue.splice(i, 1);
          this.opts.onRejected?.(err.entry);
          continue;
        }
        const delay = backoffDelay(this.failures++, { initialMs: 200, maxMs: 5000, factor: 2, jitter: 0.2 });
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.log.warn({ err: err instanceof Error ? err.message : String(err), pending: this.queue.length, retryInMs: delay }, 'call journal cannot write; keeping entries and retrying');
        }
        this.running = false;
        this.timer = setTimeout(() => this.kick(), delay);
        return;
      }
      if (this.failures > 0) this.log.info({ afterFailures: this.failures }, 'call journal writes again');
      this.failures = 0;
      this.queue.splice(0, batch.length);
      this.opts.onBatchWritten?.(Number(process.hrtime.bigint() - started) / 1e9);
      this.opts.onPending?.(this.queue.length);
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
