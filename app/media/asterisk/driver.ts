// The Asterisk driver of the media core, over ARI: REST calls through AriClient, events from
// AriEventStream. Playbacks and recordings are started with ids we generate, after their
// completion has been subscribed to (subscribe before you start).
import type { AriClient } from '../../ari/client.js';
import { AriHttpError } from '../../ari/errors.js';
import type { AriEventStream } from '../../ari/events.js';
import type { AriEvent } from '../../ari/generated/ari.js';
import { ALREADY_FINISHED, MediaGoneError, type DialOptions, type HangupReason, type MediaCore, type MediaEvent, type MediaTarget, type PlaybackOutcome, type RecordingOutcome } from '../types.js';
import { RecentEvents } from './dedupe.js';
import { RequestedCauses } from './causes.js';
import { toBridgeInfo, toChannelInfo, toMediaEvent } from './mapping.js';
import { Waiters } from './waiters.js';

async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AriHttpError && err.isNotFound)) throw err;
  }
}

/** The ARI event types the driver reads (toMediaEvent, the waiters, hang-up causes). */
export const EVENT_TYPES = [
  'StasisStart', 'StasisEnd', 'ChannelDestroyed', 'ChannelHangupRequest', 'ChannelStateChange', 'ChannelDtmfReceived',
  'ChannelHold', 'ChannelUnhold', 'EndpointStateChange', 'PlaybackFinished', 'RecordingFinished', 'RecordingFailed',
] as const;

export class AsteriskMediaCore implements MediaCore {
  private readonly listeners = new Set<(e: MediaEvent) => void>();
  private readonly playbacks = new Waiters<PlaybackOutcome>();
  private readonly recordings = new Waiters<RecordingOutcome>();
  private readonly recent = new RecentEvents();
  private readonly causes = new RequestedCauses();
  /** Channels we created, until they enter our app (true) or die first (false). */
  private readonly entering = new Waiters<boolean>();

  constructor(
    private readonly ari: AriClient,
    private readonly stream: AriEventStream,
    private readonly app: string,
    /** Told of what went wrong outside any caller's request (a listener that threw, a refused event filter); the app logs it. */
    private readonly onError: (what: string, err: unknown) => void = () => undefined,
  ) {
    stream.on('event', (e) => this.onAriEvent(e));
    stream.on('connected', () => {
      this.filterEvents();
      this.emit({ kind: 'connection', up: true });
    });
    stream.on('disconnected', () => {
      // Their end events would be lost with the socket: settle them so no flow hangs.
      this.playbacks.settleAll(() => 'failed');
      this.recordings.settleAll((name) => ({ name, state: 'failed', cause: 'ARI disconnected' }));
      this.entering.settleAll(() => false);
      this.emit({ kind: 'connection', up: false });
    });
  }

  /**
   * Asterisk sends our app only the event types the driver reads (EVENT_TYPES): the others
   * (variable sets, dialplan steps, bridge and playback starts...) cost a JSON encoding in Asterisk
   * and a parse here for nothing. Should Asterisk refuse, every event keeps coming: slower, not wrong.
   */
  private filterEvents(): void {
    this.ari.call('applications.filter', { applicationName: this.app, filter: { allowed: EVENT_TYPES.map((type) => ({ type })) } })
      .catch((err: unknown) => this.onError('ARI event filter not set', err));
  }

  get connected(): boolean {
    return this.stream.connected;
  }

  subscribe(listener: (event: MediaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ping(): Promise<void> {
    await this.ari.call('asterisk.ping', {});
  }

  async watch(channelId: string): Promise<boolean> {
    try {
      await this.ari.call('applications.subscribe', { applicationName: this.app, eventSource: `channel:${channelId}` });
      return true;
    } catch (err) {
      // 422: the event source (the channel) does not exist any more.
      if (err instanceof AriHttpError && (err.status === 422 || err.isNotFound)) return false;
      throw err;
    }
  }

  async answer(channelId: string): Promise<void> {
    try {
      await this.ari.call('channels.answer', { channelId });
    } catch (err) {
      if (err instanceof AriHttpError && err.isNotFound) throw new MediaGoneError(`channel ${channelId} is gone`, { cause: err });
      throw err;
    }
  }

  async hangup(channelId: string, reason: HangupReason = 'normal'): Promise<void> {
    await ignoreNotFound(this.ari.call('channels.hangup', { channelId, reason }));
  }

  async setVariable(channelId: string, variable: string, value: string): Promise<void> {
    await this.ari.call('channels.setChannelVar', { channelId, variable, value });
  }

  async getVariable(channelId: string, variable: string): Promise<string | undefined> {
    try {
      return (await this.ari.call('channels.getChannelVar', { channelId, variable })).value;
    } catch (err) {
      if (err instanceof AriHttpError && err.isNotFound) return undefined;
      throw err;
    }
  }

  async getVariables(channelId: string, names: readonly string[]): Promise<(string | undefined)[]> {
    try {
      const read = await this.ari.call('channels.getChannelVars', { channelId, variables: names.join(',') });
      return names.map((n) => { const v = read.variables[n]; return typeof v === 'string' && v !== '' ? v : undefined; });
    } catch (err) {
      // Asterisk answers 404 for the whole request when one variable is not set: one by one then.
      if (!(err instanceof AriHttpError && err.isNotFound)) throw err;
      return Promise.all(names.map((n) => this.getVariable(channelId, n)));
    }
  }

  async setVariables(channelId: string, values: Record<string, string>): Promise<void> {
    await this.ari.call('channels.setChannelVars', { channelId, variables: values });
  }

  async createBridge(bridgeId: string, kind: 'mixing' | 'holding', name?: string): Promise<void> {
    await this.ari.call('bridges.createWithId', { bridgeId, type: kind, ...(name ? { name } : {}) });
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.ari.call('bridges.addChannel', { bridgeId, channel: channelIds });
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await ignoreNotFound(this.ari.call('bridges.destroy', { bridgeId }));
  }

  async play(target: MediaTarget, playbackId: string, media: string[], signal?: AbortSignal): Promise<PlaybackOutcome> {
    if (signal?.aborted) return 'stopped';
    const finished = this.playbacks.wait(playbackId);
    let started = false;
    const stop = (): void => {
      // Before Asterisk has the playback a stop finds nothing: it is sent again once it starts.
      if (started) this.ari.call('playbacks.stop', { playbackId }).catch(() => undefined);
      this.playbacks.settle(playbackId, 'stopped');
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const start = () => (target.kind === 'channel'
        ? this.ari.call('channels.playWithId', { channelId: target.id, playbackId, media })
        : this.ari.call('bridges.playWithId', { bridgeId: target.id, playbackId, media }));
      // Asterisk now and then refuses a bridge playback with 500 "Allocation failed" when several
      // start at once (its announcer channel); nothing was created, so it is asked again.
      for (let attempt = 1; ; attempt++) {
        try {
          await start();
          break;
        } catch (err) {
          if (!(err instanceof AriHttpError && err.status === 500) || attempt >= 3 || signal?.aborted) throw err;
          await new Promise((resolve) => setTimeout(resolve, attempt * 50));
        }
      }
      started = true;
      if (signal?.aborted) await this.ari.call('playbacks.stop', { playbackId }).catch(() => undefined);
    } catch (err) {
      this.playbacks.settle(playbackId, 'failed');
      signal?.removeEventListener('abort', stop);
      if (err instanceof AriHttpError && err.isChannelGone) return 'failed';
      throw err;
    }
    const outcome = await finished;
    signal?.removeEventListener('abort', stop);
    return outcome;
  }

  async startMusicOnHold(target: MediaTarget, mohClass?: string): Promise<void> {
    const cls = mohClass ? { mohClass } : {};
    // A caller who hung up meanwhile needs no music: not an error.
    if (target.kind === 'channel') await ignoreNotFound(this.ari.call('channels.startMoh', { channelId: target.id, ...cls }));
    else await ignoreNotFound(this.ari.call('bridges.startMoh', { bridgeId: target.id, ...cls }));
  }

  async snoop(channelId: string, snoopId: string, appArgs: string[]): Promise<void> {
    // Like a created channel, the snoop is not in our app yet when the request returns, and a
    // recording of it would be refused until its StasisStart: wait for it.
    const entered = this.entering.wait(snoopId);
    try {
      await this.ari.call('channels.snoopChannelWithId', { channelId, snoopId, app: this.app, appArgs: appArgs.join(','), spy: 'both', whisper: 'none' });
    } catch (err) {
      this.entering.settle(snoopId, false);
      throw err;
    }
    if (!(await entered)) throw new Error(`snoop ${snoopId} ended before it could be used`);
  }

  async startRecording(target: MediaTarget, name: string, format: 'wav'): Promise<void> {
    const params = { name, format, ifExists: 'fail' as const, beep: false };
    if (target.kind === 'channel') await this.ari.call('channels.record', { channelId: target.id, ...params });
    else await this.ari.call('bridges.record', { bridgeId: target.id, ...params });
  }

  async stopRecording(name: string): Promise<RecordingOutcome> {
    const finished = this.recordings.wait(name);
    try {
      await this.ari.call('recordings.stop', { recordingName: name });
    } catch (err) {
      // Already finished (its bridge went away): the stored recording is what we have.
      if (err instanceof AriHttpError && err.isNotFound) this.recordings.settle(name, { name, state: 'done', cause: ALREADY_FINISHED });
      else throw err;
    }
    return finished;
  }

  async dial(opts: DialOptions): Promise<void> {
    // channels.create answers before the channel is in Stasis, and a dial sent before its
    // StasisStart is refused (409 "Channel not in Stasis application"): wait for it.
    const entered = this.entering.wait(opts.channelId);
    try {
      await this.ari.call('channels.create', {
        endpoint: opts.endpoint, app: this.app, appArgs: opts.appArgs.join(','), channelId: opts.channelId,
        ...(opts.callerChannelId ? { originator: opts.callerChannelId } : {}),
        ...(opts.variables ? { variables: opts.variables } : {}),
      });
    } catch (err) {
      this.entering.settle(opts.channelId, false);
      throw err;
    }
    if (!(await entered)) throw new Error(`channel ${opts.channelId} ended before it could be dialled`);
    try {
      await this.ari.call('channels.dial', { channelId: opts.channelId, timeout: opts.timeoutSec, ...(opts.callerChannelId ? { caller: opts.callerChannelId } : {}) });
    } catch (err) {
      await this.hangup(opts.channelId).catch(() => undefined);
      throw err;
    }
  }

  async stopMusicOnHold(target: MediaTarget): Promise<void> {
    if (target.kind === 'channel') await ignoreNotFound(this.ari.call('channels.stopMoh', { channelId: target.id }));
    else await ignoreNotFound(this.ari.call('bridges.stopMoh', { bridgeId: target.id }));
  }

  async removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await ignoreNotFound(this.ari.call('bridges.removeChannel', { bridgeId, channel: channelIds }));
  }

  async cancelRecording(name: string): Promise<void> {
    await ignoreNotFound(this.ari.call('recordings.cancel', { recordingName: name }));
  }

  async listChannels() {
    return (await this.ari.call('channels.list', {})).map(toChannelInfo);
  }

  async listBridges() {
    return (await this.ari.call('bridges.list', {})).map(toBridgeInfo);
  }

  private onAriEvent(e: AriEvent): void {
    if (!this.recent.first(e)) return;
    switch (e.type) {
      case 'PlaybackFinished':
        this.playbacks.settle(e.playback.id, e.playback.state === 'failed' ? 'failed' : 'done');
        break;
      case 'RecordingFinished':
        this.recordings.settle(e.recording.name, { name: e.recording.name, state: e.recording.state === 'canceled' ? 'canceled' : 'done', ...(e.recording.duration !== undefined ? { durationSeconds: e.recording.duration } : {}) });
        break;
      case 'StasisStart':
        this.entering.settle(e.channel.id, true);
        break;
      case 'ChannelHangupRequest':
        this.causes.requested(e.channel.id, e.cause);
        break;
      case 'ChannelDestroyed': {
        this.entering.settle(e.channel.id, false);
        const { cause, causeText } = this.causes.destroyed(e.channel.id, e.cause, e.cause_txt);
        this.emit({ kind: 'channel.destroyed', channelId: e.channel.id, cause, causeText });
        return;
      }
      case 'RecordingFailed':
        this.recordings.settle(e.recording.name, { name: e.recording.name, state: 'failed', cause: e.recording.cause ?? 'unknown' });
        this.emit({ kind: 'recording.failed', name: e.recording.name, cause: e.recording.cause ?? 'unknown' });
        break;
      default:
        break;
    }
    const mapped = toMediaEvent(e);
    if (mapped) this.emit(mapped);
  }

  /** Every listener hears every event: one that throws is reported and does not stop the others. */
  private emit(event: MediaEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.onError(`media event listener failed on ${event.kind}`, err);
      }
    }
  }
}
