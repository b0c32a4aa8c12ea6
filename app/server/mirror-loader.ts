// Loads rows from MariaDB into an in-memory mirror that calls read (active prompt versions,
// calendar overrides) when the server starts. A database that does not answer yet does not stop
// the app: the failure is logged and the load retried with capped backoff until it succeeds or
// the server stops. A load that raced with a change made through the API is done again, so it
// never undoes that change.
import { backoffDelay, type BackoffOptions } from '../ari/backoff.js';
import type { Logger } from '../log/logger.js';

/** What a loader fills: it counts its own changes so a stale load can be detected. */
export interface Mirror<T> {
  readonly revision: number;
  replaceAll(items: T[]): void;
}

export const LOAD_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

export class MirrorLoader<T> {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #attempt = 0;

  constructor(
    private readonly what: string,
    private readonly load: () => Promise<T[]>,
    private readonly mirror: Mirror<T>,
    private readonly log: Logger,
    private readonly backoff: BackoffOptions = LOAD_BACKOFF,
  ) {}

  /** Resolves true once loaded, false if the first attempt failed and retries are scheduled. */
  async start(): Promise<boolean> {
    this.#stopped = false;
    return this.attempt();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Whether a retry is scheduled. */
  get retrying(): boolean {
    return this.#timer !== undefined;
  }

  private async attempt(): Promise<boolean> {
    try {
      for (;;) {
        const revision = this.mirror.revision;
        const items = await this.load();
        if (this.#stopped) return false;
        if (this.mirror.revision !== revision) continue;
        this.mirror.replaceAll(items);
        this.log.info({ loaded: items.length, attempts: this.#attempt + 1 }, `${this.what} loaded`);
        this.#attempt = 0;
        return true;
      }
    } catch (err) {
      const delayMs = backoffDelay(this.#attempt++, this.backoff);
      this.log.error({ err, retryInMs: delayMs }, `cannot load the ${this.what}; retrying`);
      if (!this.#stopped) {
        this.#timer = setTimeout(() => { this.#timer = undefined; void this.attempt(); }, delayMs);
        this.#timer.unref();
      }
      return false;
    }
  }
}
