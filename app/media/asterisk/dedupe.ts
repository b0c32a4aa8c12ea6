// Asterisk forwards an event once per subscription that covers it: a channel of an agent's
// endpoint is covered by the app's own channel subscription and by the endpoint subscription that
// follows the phone's registration, so its events arrive twice, identical (same type, same
// timestamp, same object). The driver passes each one on once.
import type { AriEvent } from '../../ari/generated/ari.js';

export class RecentEvents {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];

  constructor(private readonly capacity = 512) {}

  /** True the first time an event is seen (among the last `capacity`), false for its repeats. */
  first(e: AriEvent): boolean {
    const key = eventKey(e);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.order.push(key);
    if (this.order.length > this.capacity) this.seen.delete(this.order.shift() ?? '');
    return true;
  }
}

function eventKey(e: AriEvent): string {
  const o = e as unknown as Record<string, { id?: string; name?: string; resource?: string } | undefined>;
  const subject: string = o.channel?.id ?? o.playback?.id ?? o.recording?.name ?? o.bridge?.id ?? o.endpoint?.resource ?? '';
  // Two different events can share type, time and subject: a channel's two hang-up requests in the
  // same millisecond, the first without a cause and the second with it.
  const x = e as unknown as { digit?: string; cause?: number; soft?: boolean };
  return `${e.type}|${e.timestamp}|${subject}|${x.digit ?? ''}|${x.cause ?? ''}|${x.soft ?? ''}`;
}
