// Admission of new calls from the app's own load. Past its capacity the appliance refuses the
// excess before answering (SIP 503, Asterisk's congestion cause) instead of failing calls it has
// already taken: a caller hears a clean refusal and the carrier may route elsewhere. Load is what
// the app itself sees: ARI requests waiting for Asterisk (Asterisk is the bottleneck) and the lag
// of the event loop (the app is).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export type Refusal = 'ari_backlog' | 'event_loop_lag';

export interface AdmissionLimits {
  maxPendingAri: number;
  maxLoopLagMs: number;
}

export class Admission {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private lagMs = 0;

  constructor(private readonly pendingAri: () => number, private readonly limits: AdmissionLimits) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    // The worst lag of the last second: a stall that long means calls already taken wait as
    // long for every step; one second later a past stall no longer counts.
    this.timer = setInterval(() => {
      this.lagMs = this.histogram.max / 1e6;
      this.histogram.reset();
    }, 1000);
    this.timer.unref();
  }

  /** Undefined when a new call may be taken; otherwise why not. */
  check(): Refusal | undefined {
    if (this.pendingAri() > this.limits.maxPendingAri) return 'ari_backlog';
    if (this.lagMs > this.limits.maxLoopLagMs) return 'event_loop_lag';
    return undefined;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
