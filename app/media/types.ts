// The media core as the rest of the app sees it: channels, bridges, playback, recording, snoop
// and originate, with no ARI type leaking out. Asterisk over ARI is the one driver today
// (asterisk/); a second media server would implement this same interface.

export interface ChannelInfo {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  callerName: string;
  /** The number that was dialled (the DID for inbound calls). */
  dialed: string;
  /** ISO time Asterisk created the channel. */
  createdAt: string;
  /** The dialplan application the channel is in and its arguments (e.g. Stasis, "ccapp,inbound,..."), when Asterisk says. */
  app?: { name: string; data: string };
}

export interface BridgeInfo {
  id: string;
  kind: string;
  channelIds: string[];
}

/** The channel (or bridge) a request was about is gone: most often a hang-up race, not a fault. */
export class MediaGoneError extends Error {
  override readonly name = 'MediaGoneError';
}

export type MediaTarget = { kind: 'channel'; id: string } | { kind: 'bridge'; id: string };

export type PlaybackOutcome = 'done' | 'stopped' | 'failed';

/** The cause given when a recording to stop was no longer live (it ended with its bridge, or never began). */
export const ALREADY_FINISHED = 'already finished';

export interface RecordingOutcome {
  name: string;
  state: 'done' | 'failed' | 'canceled';
  /** As measured by Asterisk, in seconds, when it says. */
  durationSeconds?: number;
  cause?: string;
}

export type MediaEvent =
  | { kind: 'channel.entered'; channel: ChannelInfo; args: string[] }
  /** The channel left our Stasis app: for the app, this leg is over. */
  | { kind: 'channel.left'; channelId: string }
  | { kind: 'channel.destroyed'; channelId: string; cause: number; causeText: string }
  | { kind: 'dtmf'; channelId: string; digit: string; durationMs: number }
  /** A channel's state changed: 'Ringing' when the far end alerts, 'Up' once it answered. */
  | { kind: 'channel.state'; channelId: string; state: string }
  /** The far end put the call on hold (a sendonly or inactive re-INVITE) or took it back. */
  | { kind: 'channel.hold'; channelId: string; held: boolean }
  /** A SIP phone's registration came or went ('online' / 'offline'). */
  | { kind: 'endpoint.state'; technology: string; resource: string; state: string }
  /** A live recording failed (its file may be cut short): whoever owns it must say so. */
  | { kind: 'recording.failed'; name: string; cause: string }
  | { kind: 'connection'; up: boolean };

export interface DialOptions {
  channelId: string;
  endpoint: string;
  appArgs: string[];
  timeoutSec: number;
  callerChannelId?: string;
  /** Channel variables set at creation (e.g. PJSIP_HEADER(add,X-...) for SIP headers). */
  variables?: Record<string, string>;
}

export type HangupReason = 'normal' | 'busy' | 'congestion' | 'no_answer' | 'unallocated' | 'answered_elsewhere';

export interface MediaCore {
  readonly connected: boolean;
  /** Listen to every media event; returns the function that stops listening. */
  subscribe(listener: (event: MediaEvent) => void): () => void;
  ping(): Promise<void>;

  /**
   * Keeps this channel's events coming after it leaves our app, until it is destroyed (Asterisk
   * unsubscribes an app from a channel at StasisEnd, before ChannelDestroyed and its cause).
   * False when the channel is already gone.
   */
  watch(channelId: string): Promise<boolean>;
  /** Answers; a channel already gone throws MediaGoneError. */
  answer(channelId: string): Promise<void>;
  /** Hangs a channel up; a channel that is already gone is not an error. */
  hangup(channelId: string, reason?: HangupReason): Promise<void>;
  setVariable(channelId: string, name: string, value: string): Promise<void>;
  getVariable(channelId: string, name: string): Promise<string | undefined>;
  /** Several variables in one request; a missing one reads as undefined (in the order asked). */
  getVariables(channelId: string, names: readonly string[]): Promise<(string | undefined)[]>;
  /** Several variables in one request. */
  setVariables(channelId: string, values: Record<string, string>): Promise<void>;

  createBridge(bridgeId: string, kind: 'mixing' | 'holding', name?: string): Promise<void>;
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  /** Destroys a bridge; one that is already gone is not an error. */
  destroyBridge(bridgeId: string): Promise<void>;

  /** Plays media and resolves when it ends; aborting the signal stops it ('stopped'). */
  play(target: MediaTarget, playbackId: string, media: string[], signal?: AbortSignal): Promise<PlaybackOutcome>;
  /** Music on hold to a channel (a caller waiting in a queue) or to everyone in a bridge; one already gone is not an error. */
  startMusicOnHold(target: MediaTarget, mohClass?: string): Promise<void>;
  /**
   * A snoop channel `snoopId` on `channelId` hearing both directions (what the caller says and
   * hears), in our app with `appArgs`; resolves once it is in the app, ready to be recorded. It
   * ends by itself with the channel it spies on.
   */
  snoop(channelId: string, snoopId: string, appArgs: string[]): Promise<void>;
  /** Starts recording; resolves once Asterisk has started it. */
  startRecording(target: MediaTarget, name: string, format: 'wav'): Promise<void>;
  /** Stops a live recording and resolves with how it ended. */
  stopRecording(name: string): Promise<RecordingOutcome>;

  /**
   * Calls out: creates channel `channelId` to `endpoint` (e.g. PJSIP/agent-x, PJSIP/0612@trunk)
   * in our app with `appArgs`, and dials it for up to timeoutSec. `callerChannelId`'s caller id
   * is shown to the called party. Progress comes as channel.state events; a failure as
   * channel.destroyed.
   */
  dial(opts: DialOptions): Promise<void>;
  stopMusicOnHold(target: MediaTarget): Promise<void>;
  removeFromBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  /** Stops a live recording and deletes what it wrote. */
  cancelRecording(name: string): Promise<void>;

  listChannels(): Promise<ChannelInfo[]>;
  listBridges(): Promise<BridgeInfo[]>;
}
