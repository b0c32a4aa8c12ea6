// Login and second-factor attempts per client address: at most `max` in a sliding window. Kept
// in memory (a restart forgives an address; the per-account lockout is in MariaDB and is not).
export class AddressLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts an attempt; returns how many seconds to wait when over the limit, else 0. */
  hit(address: string, now: number): number {
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(address, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [address, times] of this.attempts) {
      if (!times.some((t) => t > now - this.windowMs)) this.attempts.delete(address);
    }
  }
}
