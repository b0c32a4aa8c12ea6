// The sweep: every channel in our Stasis application is owned by a call, a leg or a snoop of ours,
// or it is hung up; every bridge of ours belongs to a live call, or it is destroyed. Events can be
// lost (a dropped socket, an overloaded app, a malformed call that never reached a handler), so
// ownership is checked against Asterisk's own lists on a timer. An object is only removed when it
// was unowned at two sweeps in a row: one interval of grace for a call that is being set up.
import { parseLegId, parseSnoopId } from '../call-contract/ids.js';
import type { Logger } from '../log/logger.js';
import { parseOutboundLegId } from '../outbound/legs.js';
import type { BridgeInfo, ChannelInfo, MediaCore } from '../media/types.js';

export interface Owner {
  /** Who this is, in the log: "calls", "acd", "outbound"... */
  readonly name: string;
  ownsChannel(channel: ChannelInfo): boolean;
  ownsBridge(bridgeId: string): boolean;
  /**
   * Clean-ups the owner does within its own state (an agent leg whose caller is gone, a leg whose
   * hang-up did not take); `live` holds the ids of the channels Asterisk has now.
   */
  tidy?(live: ReadonlySet<string>): number;
}

export interface SweepReport {
  channels: number;
  bridges: number;
  hungUp: string[];
  destroyed: string[];
  tidied: number;
}

/** Our Stasis application's channels: what ARI lists as being in `Stasis(app,...)`, or named as ours (legs, snoops, click-to-call legs). */
export function inOurApp(c: ChannelInfo, app: string): boolean {
  if (c.app?.name === 'Stasis' && (c.app.data === app || c.app.data.startsWith(`${app},`))) return true;
  return parseLegId(c.id) !== undefined || parseSnoopId(c.id) !== undefined || parseOutboundLegId(c.id) !== undefined;
}

/** Bridges the app makes: `call-<id>` and `consult-<id>`. */
const OUR_BRIDGE = /^(call|consult)-/;

export class Sweeper {
  private suspects = new Set<string>();

  constructor(
    private readonly media: MediaCore,
    private readonly owners: readonly Owner[],
    private readonly app: string,
    private readonly log: Logger,
    private readonly counted?: (kind: 'channel' | 'bridge') => void,
  ) {}

  async sweep(): Promise<SweepReport> {
    const [channels, bridges] = await Promise.all([this.media.listChannels(), this.media.listBridges()]);
    const live = new Set(channels.map((c) => c.id));
    const tidied = this.owners.reduce((n, o) => n + (o.tidy?.(live) ?? 0), 0);
    const unowned = [
      ...channels.filter((c) => inOurApp(c, this.app) && !this.owners.some((o) => o.ownsChannel(c))).map((c) => ({ key: `c:${c.id}`, channel: c })),
      ...bridges.filter((b) => OUR_BRIDGE.test(b.id) && !this.owners.some((o) => o.ownsBridge(b.id))).map((b) => ({ key: `b:${b.id}`, bridge: b })),
    ];
    const previous = this.suspects;
    this.suspects = new Set(unowned.map((u) => u.key));
    const hungUp: string[] = [];
    const destroyed: string[] = [];
    for (const u of unowned) {
      if (!previous.has(u.key)) continue;
      if ('channel' in u && u.channel) await this.hangUp(u.channel, hungUp);
      else if ('bridge' in u && u.bridge) await this.destroy(u.bridge, destroyed);
    }
    return { channels: channels.length, bridges: bridges.length, hungUp, destroyed, tidied };
  }

  private async hangUp(c: ChannelInfo, done: string[]): Promise<void> {
    this.log.warn({ channelId: c.id, name: c.name, state: c.state, caller: c.callerNumber, createdAt: c.createdAt, app: c.app?.data }, 'sweep: channel in our application that nothing of ours owns; hanging up');
    try {
      await this.media.hangup(c.id, 'normal');
      done.push(c.id);
      this.counted?.('channel');
    } catch (err) {
      this.log.error({ channelId: c.id, err: String(err) }, 'sweep: channel could not be hung up');
    }
  }

  private async destroy(b: BridgeInfo, done: string[]): Promise<void> {
    this.log.warn({ bridgeId: b.id, members: b.channelIds }, 'sweep: bridge of ours that no live call owns; destroying it');
    try {
      await this.media.destroyBridge(b.id);
      done.push(b.id);
      this.counted?.('bridge');
    } catch (err) {
      this.log.error({ bridgeId: b.id, err: String(err) }, 'sweep: bridge could not be destroyed');
    }
  }
}

/** Runs the sweep every `intervalMs` while the media core is connected; returns the stop function. */
export function startSweeping(sweeper: Sweeper, media: MediaCore, intervalMs: number, log: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || !media.connected) return;
    running = true;
    sweeper.sweep()
      .then((r) => { if (r.hungUp.length || r.destroyed.length || r.tidied) log.info({ hungUp: r.hungUp.length, destroyed: r.destroyed.length, tidied: r.tidied, channels: r.channels, bridges: r.bridges }, 'sweep done'); })
      .catch((err: unknown) => log.warn({ err: String(err) }, 'sweep failed; tried again at the next interval'))
      .finally(() => { running = false; });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
