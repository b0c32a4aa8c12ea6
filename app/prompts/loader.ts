// Loads the active prompt versions into the resolver when the server starts. A database that
// does not answer yet does not stop the app (calls then play TTS or built-in prompts): the
// failure is logged and the load retried with capped backoff until it succeeds or the server
// stops. A load that raced with an activation is done again, so it never undoes one.
import { backoffDelay, type BackoffOptions } from '../ari/backoff.js';
import type { Logger } from '../log/logger.js';
import type { ActivePrompt, PromptResolver } from './resolver.js';

export const LOAD_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

export class ActivePromptLoader {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #attempt = 0;

  constructor(
    private readonly load: () => Promise<ActivePrompt[]>,
    private readonly resolver: PromptResolver,
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
        const revision = this.resolver.revision;
        const prompts = await this.load();
        if (this.#stopped) return false;
        if (this.resolver.revision !== revision) continue;
        this.resolver.replaceAll(prompts);
        this.log.info({ active: prompts.length, attempts: this.#attempt + 1 }, 'active prompt versions loaded');
        this.#attempt = 0;
        return true;
      }
    } catch (err) {
      const delayMs = backoffDelay(this.#attempt++, this.backoff);
      this.log.error({ err, retryInMs: delayMs }, 'cannot load the active prompt versions; TTS and built-in prompts play meanwhile');
      if (!this.#stopped) {
        this.#timer = setTimeout(() => { this.#timer = undefined; void this.attempt(); }, delayMs);
        this.#timer.unref();
      }
      return false;
    }
  }
}
