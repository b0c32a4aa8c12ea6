// One click-to-call, from the agent's phone ringing to the end of the conversation: a small state
// machine fed with the media core's events for its two legs (legs.ts). Stages: `agent` (the
// agent's phone rings, 20 s, showing the number to be called), `customer` (the agent answered
// and hears music in the call's bridge while the number is dialled through the trunk, showing
// the line's DID, 60 s), `talking` (both in the bridge, recorded per the tenant's policy; under
// `opt_out` the agent's key discards the recording). Either side hanging up, a refusal, a time-out
// or an error ends the call: the other leg is hung up, and once both are gone the recording is
// finished, the bridge destroyed, the end journalled and the agent's state given back. Steps that
// talk to Asterisk run one after the other (one chain per call); one that fails is logged and
// ends the call.
import type { AcdShell } from '../acd/shell/shell.js';
import { startRecording } from '../calls/ivr-call.js';
import { finishRecording, optOutOfRecording } from '../calls/recording.js';
import { CallSession } from '../call-contract/session.js';
import type { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import type { HangupReason, MediaCore } from '../media/types.js';
import { restoreCommand } from './agent-state.js';
import { legIdFor, type OutboundLegKind } from './legs.js';
import { OUTBOUND_STASIS_KIND } from '../call-contract/stasis-kinds.js';
import { ANSWERED_AT_VARIABLE, encodePlace, OUTBOUND_VARIABLE, type OutboundPlace } from './variables.js';

export type Stage = 'agent' | 'customer' | 'talking';
export type LegState = 'none' | 'dialling' | 'ringing' | 'up' | 'gone';
export type FailureCause = 'busy' | 'no_answer' | 'refused' | 'error' | 'app_restarted';
/** Who ended the call: a side hanging up, the app (time-out, error, restart), or unknown (it ended while the app was away). */
export type EndedBy = 'agent' | 'customer' | 'app' | 'unknown';

export interface OutboundCallDeps {
  media: MediaCore;
  journal: CallJournal;
  log: Logger;
  /** The ACD's view of agents: their state is read and given back through it. */
  agents: Pick<AcdShell, 'agentView' | 'command'>;
  /** The trunk numbers go out through (its PJSIP endpoint name). */
  trunk: string;
  recordingsDir: string;
  ringTimeouts: { agentMs: number; customerMs: number };
  /** Runs fn after ms; returns what cancels it. */
  after: (ms: number, fn: () => void) => () => void;
  now: () => number;
}

export interface OutboundCallInit {
  place: OutboundPlace;
  sipUsername: string;
  /** The number as the agent gave it, shown on their phone. */
  shown: string;
  /** The tenant's recording policy: `on`, `off`, or `opt_out` (recorded unless the agent presses the key). */
  recording: { policy: 'on' | 'off' | 'opt_out'; optOutKey: string };
}

/** A leg that ended before answering, by its Q.850 cause: busy (17), no answer (18, 19), else refused. */
export function failureCause(q850: number): FailureCause {
  if (q850 === 17) return 'busy';
  if (q850 === 18 || q850 === 19) return 'no_answer';
  return 'refused';
}

const STAGE_OF: Record<OutboundLegKind, Stage> = { agent: 'agent', customer: 'customer' };
const isLive = (s: LegState): boolean => s === 'dialling' || s === 'ringing' || s === 'up';

export class OutboundCall {
  readonly session: CallSession;
  readonly agentId: string;
  private stage: Stage = 'agent';
  private readonly legs: Record<OutboundLegKind, LegState> = { agent: 'none', customer: 'none' };
  /** Legs Asterisk has (the dial request went through): a reconciliation may look for them. */
  private readonly made: Record<OutboundLegKind, boolean> = { agent: false, customer: false };
  private failure: { stage: Stage; cause: FailureCause; q850?: number } | undefined;
  private end: { by: EndedBy; cause: number; causeText: string; at: Date } | undefined;
  /** The app decided to end the call (a time-out, an error, a restart): it is the one hanging up. */
  private appEnding = false;
  private cancelTimer: (() => void) | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** The agent pressed the opt-out key: nothing of this call is recorded. */
  private optedOut = false;
  /** When the customer answered (not known for a call taken back after a restart). */
  private answeredAt: Date | null = null;
  private settle: () => void = () => undefined;
  /** Resolves once the call is closed and its end journalled. */
  readonly done = new Promise<void>((resolve) => { this.settle = resolve; });

  constructor(private readonly d: OutboundCallDeps, private readonly init: OutboundCallInit, private readonly onClosed: (call: OutboundCall) => void) {
    const { place } = init;
    this.agentId = place.agentId;
    this.session = new CallSession({
      callId: place.callId, tenant: place.tenant, line: place.line, did: place.did, channelId: legIdFor('agent', place.callId),
      startedAt: new Date(place.startedAt), callerNumber: place.number,
    }, d.journal);
  }

  get callId(): string {
    return this.session.callId;
  }

  /** Where the call stands, for the agent panel: whose phone rings, or talking (since when). */
  get progress(): { stage: Stage; answeredAt: Date | null; optedOut: boolean; closed: boolean } {
    return { stage: this.stage, answeredAt: this.answeredAt, optedOut: this.optedOut, closed: this.closed || this.end !== undefined };
  }

  legId(kind: OutboundLegKind): string {
    return legIdFor(kind, this.callId);
  }

  /** The legs Asterisk should have (made, not known to be gone), for a reconciliation. */
  liveLegs(): OutboundLegKind[] {
    return (['agent', 'customer'] as const).filter((k) => this.made[k] && isLive(this.legs[k]));
  }

  /** A new call: opened in the journal, then the agent's phone is rung. */
  start(): void {
    const { place } = this.init;
    const { session } = this;
    this.d.journal.append({ kind: 'call', call: { id: place.callId, tenant: place.tenant, line: place.line, did: place.did, direction: 'outbound', callerId: place.number, channelId: session.channelId, startedAt: session.startedAt } });
    session.event('outbound.requested', { agent: place.agentId, number: place.number, line: place.line, did: place.did }, session.startedAt);
    this.legs.agent = 'dialling';
    this.timer(this.d.ringTimeouts.agentMs, () => this.timedOut('agent'));
    this.run(() => this.dial('agent', `PJSIP/${this.init.sipUsername}`, this.init.shown, { [OUTBOUND_VARIABLE]: encodePlace(place) }));
  }

  /**
   * A call found in Asterisk after a restart. Talking (both legs up): it goes on as it was, the
   * customer joining the bridge if the restart came between answer and bridging. Otherwise it is
   * ended: the legs are hung up and the failure written (`app_restarted`).
   */
  adopt(agent: LegState, customer: LegState, customerInBridge: boolean, recordingStartedAt: Date | undefined): void {
    this.legs.agent = agent;
    this.legs.customer = customer;
    this.made.agent = agent !== 'none';
    this.made.customer = customer !== 'none';
    const talking = agent === 'up' && customer === 'up';
    this.stage = talking ? 'talking' : agent === 'up' ? 'customer' : 'agent';
    if (recordingStartedAt) this.session.resumeRecording(recordingStartedAt);
    this.session.event('call.reconciled', { stage: this.stage, resumed: talking ? 'talk' : 'none' });
    if (talking) {
      if (!customerInBridge) this.run(() => this.connect(new Date(this.d.now())));
      return;
    }
    this.failure = { stage: this.stage, cause: 'app_restarted' };
    this.endBy('app', 0, 'the app restarted before the call was connected');
    this.checkDone();
  }

  onState(channelId: string, state: string): void {
    const kind = this.kindOf(channelId);
    if (!kind || this.closed) return;
    const leg = this.legs[kind];
    if (leg !== 'dialling' && leg !== 'ringing') return;
    if (state === 'Ringing') {
      if (leg !== 'dialling') return;
      this.legs[kind] = 'ringing';
      if (kind === 'customer') this.session.event('outbound.ringing', { number: this.init.place.number });
      return;
    }
    if (state !== 'Up') return;
    this.legs[kind] = 'up';
    if (this.end) {
      // The call is ending: a hang-up sent before the channel existed found nothing, so again.
      this.hangup(kind, 'normal');
      return;
    }
    this.cancelTimer?.();
    if (kind === 'agent') {
      this.stage = 'customer';
      this.session.event('agent.answered', { agent: this.agentId });
      this.run(() => this.holdAgentAndDial());
      return;
    }
    this.stage = 'talking';
    const at = new Date(this.d.now());
    this.answeredAt = at;
    this.session.event('outbound.answered', { number: this.init.place.number }, at);
    this.d.journal.append({ kind: 'call-update', callId: this.callId, update: { answeredAt: at } });
    this.run(() => this.connect(at));
  }

  /** A leg is gone; `by` overrides who ended the call when the leg's end was not seen (a reconnection). */
  onGone(channelId: string, cause: number, causeText: string, by?: EndedBy): void {
    const kind = this.kindOf(channelId);
    if (!kind || this.closed || this.legs[kind] === 'gone') return;
    const answered = this.legs[kind] === 'up';
    this.legs[kind] = 'gone';
    // The first leg to end before answering is the failure; later ones are the app hanging up.
    if (!answered && !this.end && this.stage === STAGE_OF[kind]) this.failure ??= { stage: this.stage, cause: failureCause(cause), q850: cause };
    this.endBy(by ?? (this.appEnding ? 'app' : kind), cause, causeText);
    this.checkDone();
  }

  /**
   * A key from the agent's phone: under the `opt_out` policy, the tenant's key discards what was
   * recorded and stops any recording for this call (before the customer answers, none starts).
   */
  onKey(channelId: string, digit: string): void {
    const { policy, optOutKey } = this.init.recording;
    if (this.closed || this.optedOut || channelId !== this.legId('agent') || policy !== 'opt_out' || digit !== optOutKey) return;
    this.optedOut = true;
    this.run(() => optOutOfRecording(this.session, this.d.media, this.agentId, this.legId('agent')));
  }

  /** Resolves once every step asked for so far has run (steps may ask for more: waits for those too). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  /** The app is stopping: timers off (the calls stay in Asterisk for the next start). */
  stop(): void {
    this.cancelTimer?.();
  }

  private kindOf(channelId: string): OutboundLegKind | undefined {
    if (channelId === this.legId('agent')) return 'agent';
    if (channelId === this.legId('customer')) return 'customer';
    return undefined;
  }

  /** The agent answered: they wait with music in the call's bridge while the number is dialled. */
  private async holdAgentAndDial(): Promise<void> {
    if (this.end) return;
    const { media } = this.d;
    const { bridgeId } = this.session;
    await media.createBridge(bridgeId, 'mixing', `${this.session.tenant}:outbound`);
    await media.addToBridge(bridgeId, [this.legId('agent')]);
    await media.startMusicOnHold({ kind: 'bridge', id: bridgeId });
    if (this.end) return;
    this.legs.customer = 'dialling';
    this.timer(this.d.ringTimeouts.customerMs, () => this.timedOut('customer'));
    await this.dial('customer', `PJSIP/${this.init.place.number}@${this.d.trunk}`, this.init.place.did, {});
  }

  /** The customer answered: the music stops, they join the agent, the recording starts. */
  private async connect(answeredAt: Date): Promise<void> {
    if (this.end) return;
    const { media } = this.d;
    await media.stopMusicOnHold({ kind: 'bridge', id: this.session.bridgeId });
    await media.addToBridge(this.session.bridgeId, [this.legId('customer')]);
    await media.setVariable(this.legId('agent'), ANSWERED_AT_VARIABLE, String(answeredAt.getTime()));
    if (this.init.recording.policy !== 'off' && !this.optedOut) await startRecording(this.session, media);
  }

  /**
   * Creates and dials a leg in our app. The far end sees `shown` (the connected line, which PJSIP
   * puts in From; CALLERID too, for Asterisk's own records).
   */
  private async dial(kind: OutboundLegKind, endpoint: string, shown: string, variables: Record<string, string>): Promise<void> {
    const ms = kind === 'agent' ? this.d.ringTimeouts.agentMs : this.d.ringTimeouts.customerMs;
    try {
      await this.d.media.dial({
        channelId: this.legId(kind), endpoint, appArgs: [OUTBOUND_STASIS_KIND, this.callId],
        // Our own timer ends the ring; Asterisk's limit is a backstop.
        timeoutSec: Math.ceil(ms / 1000) + 5,
        variables: { 'CALLERID(num)': shown, 'CONNECTEDLINE(num,i)': shown, ...variables },
      });
      this.made[kind] = true;
      // The call ended while the channel was being made: the hang-up sent then found nothing.
      if (this.end) this.hangup(kind, 'normal');
    } catch (err) {
      // The channel was never made, died before it could be dialled, or was hung up by the driver.
      this.legs[kind] = 'gone';
      throw err;
    }
  }

  private timedOut(kind: OutboundLegKind): void {
    if (this.closed || this.end || this.stage !== STAGE_OF[kind] || !isLive(this.legs[kind])) return;
    this.failure ??= { stage: this.stage, cause: 'no_answer' };
    this.appEnding = true;
    this.hangup(kind, 'no_answer');
  }

  /** Records who ended the call (the first to do so) and hangs up every leg still live. */
  private endBy(by: EndedBy, cause: number, causeText: string): void {
    this.end ??= { by, cause, causeText, at: new Date(this.d.now()) };
    if (by === 'app') this.appEnding = true;
    this.cancelTimer?.();
    for (const kind of ['agent', 'customer'] as const) if (isLive(this.legs[kind])) this.hangup(kind, 'normal');
  }

  private hangup(kind: OutboundLegKind, reason: HangupReason): void {
    this.d.media.hangup(this.legId(kind), reason)
      .catch((err: unknown) => this.d.log.warn({ ...this.session.logContext, leg: kind, err: String(err) }, 'outbound leg could not be hung up'));
  }

  private timer(ms: number, fn: () => void): void {
    this.cancelTimer?.();
    this.cancelTimer = this.d.after(ms, fn);
  }

  private run(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      try {
        await step();
      } catch (err) {
        this.failed(err);
      }
    });
  }

  /** Safety net: a step that failed is logged and ends the call. */
  private failed(err: unknown): void {
    const error = err instanceof Error ? err.message : String(err);
    if (this.end) {
      // Already ending (a leg hung up under our feet): the error is a consequence, not a cause.
      this.d.log.info({ ...this.session.logContext, err: error }, 'outbound call step stopped by the end of the call');
    } else {
      this.d.log.error({ ...this.session.logContext, stage: this.stage, err: error }, 'outbound call step failed; ending the call');
      if (this.stage === 'talking') this.session.event('call.flow_failed', { error });
      else this.failure ??= { stage: this.stage, cause: 'error' };
      this.endBy('app', 0, `error: ${error}`.slice(0, 255));
    }
    this.checkDone();
  }

  private checkDone(): void {
    if (!isLive(this.legs.agent) && !isLive(this.legs.customer)) this.run(() => this.close());
  }

  private async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    const { session } = this;
    session.end();
    const end = this.end ?? { by: 'app' as const, cause: 0, causeText: 'ended', at: new Date(this.d.now()) };
    try {
      await finishRecording(session, this.d);
      await this.d.media.destroyBridge(session.bridgeId).catch((err: unknown) => this.d.log.warn({ ...session.logContext, err: String(err) }, 'bridge could not be destroyed'));
      if (this.failure) session.event('outbound.failed', { ...this.failure }, end.at);
      session.event('call.hangup', { by: end.by, cause: end.cause, causeText: end.causeText }, end.at);
      this.d.journal.append({ kind: 'call-update', callId: this.callId, update: { endedAt: end.at, hangupCause: end.cause, hangupReason: end.causeText } });
      const back = restoreCommand(this.init.place.prior, this.d.agents.agentView(this.agentId));
      if (back) this.d.agents.command(this.agentId, back);
    } catch (err) {
      this.d.log.error({ ...session.logContext, err: err instanceof Error ? err.stack : String(err) }, 'outbound call could not be closed cleanly');
    } finally {
      this.onClosed(this);
      this.settle();
    }
  }
}
