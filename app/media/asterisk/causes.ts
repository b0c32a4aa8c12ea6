// Hang-up causes. A channel in our app but in no bridge can be destroyed with cause 0 (Unknown)
// although its hang-up request carried the far end's cause (16 for a caller's BYE): the driver
// keeps the request's cause and gives it with the destruction (see AsteriskMediaCore).
const TEXT: Record<number, string> = {
  1: 'Unallocated (unassigned) number', 16: 'Normal Clearing', 17: 'User busy', 18: 'No user responding',
  19: 'User alerting, no answer', 21: 'Call Rejected', 27: 'Destination out of order', 31: 'Normal, unspecified',
  34: 'Circuit/channel congestion', 38: 'Network out of order', 41: 'Temporary failure', 127: 'Interworking, unspecified',
};

export const causeText = (cause: number): string => TEXT[cause] ?? `cause ${cause}`;

/** The causes of hang-up requests, per channel, until the channel is destroyed (bounded). */
export class RequestedCauses {
  private readonly causes = new Map<string, number>();

  constructor(private readonly capacity = 4096) {}

  requested(channelId: string, cause: number | undefined): void {
    if (!cause) return;
    this.causes.set(channelId, cause);
    if (this.causes.size > this.capacity) this.causes.delete(this.causes.keys().next().value ?? '');
  }

  /** The cause to report for a destroyed channel: Asterisk's, or the request's when Asterisk says 0. */
  destroyed(channelId: string, cause: number, text: string): { cause: number; causeText: string } {
    const requested = this.causes.get(channelId);
    this.causes.delete(channelId);
    return cause === 0 && requested ? { cause: requested, causeText: causeText(requested) } : { cause, causeText: text };
  }
}
