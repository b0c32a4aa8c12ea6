// Keys the caller pressed (RFC 4733 or SIP INFO: Asterisk reports both as ChannelDtmfReceived),
// queued until the IVR asks for the next one.
export class DigitQueue {
  private buffer: string[] = [];
  private waiter: ((digit: string | undefined) => void) | undefined;

  push(digit: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(digit);
    } else {
      this.buffer.push(digit);
    }
  }

  /** The next key, waiting at most timeoutMs (undefined when none came or the signal fired). */
  next(timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
    const buffered = this.buffer.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (digit: string | undefined): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === done) this.waiter = undefined;
        resolve(digit);
      };
      const onAbort = (): void => done(undefined);
      const timer = setTimeout(() => done(undefined), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = done;
    });
  }
}
