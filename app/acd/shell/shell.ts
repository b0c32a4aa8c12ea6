// The ACD's imperative shell: it owns the pure core (../core), feeds it what happens (calls
// queued by the IVR, callers hanging up, agents' phones ringing, answering or refusing, phones
// registering, agents logging in or pausing, timers), writes the events it returns to the
// journal and carries out its actions on the media core (ring an agent's phone, stop it, bridge
// the agent with the caller, announce, overflow to a number). Actions of one call run in order;
// different calls do not wait on each other.
import type { Tenant } from '../../../pbx-config/schema/tenant.js';
import type { AgentDirectory, AgentRecord } from '../../agents/directory.js';
import type { CallSession } from '../../call-contract/session.js';
import type { AdoptedCall, RecordingPart } from '../../call-contract/door.js';
import { DiallingGuard } from '../../dialling/guard.js';
import type { RequestedBy } from '../../dialling/requester.js';
import type { CallJournal } from '../../journal/journal.js';
import type { Logger } from '../../log/logger.js';
import type { MediaCore, MediaEvent } from '../../media/types.js';
import { AcdCore } from '../core/acd.js';
import type { AcdAction, AcdEvent, AcdInput, AgentView } from '../core/types.js';
import { AcdActions } from './actions.js';
import { CallbackDialogues } from './callback-dialog.js';
import { type ConsultOutcome, Consultations, type TransferTarget } from './consult.js';
import { type TransferOutcome, Transfers } from './transfers.js';
import { type HoldOutcome, Holds } from './hold.js';
import { journalAgentEvent, type SavedPresence } from './agent-journal.js';
import { type Leg, Legs } from './legs.js';
import type { PendingCallback } from './pending-callbacks.js';
import { adoptedCall, pendingCallback, type RestoredCall } from './restore.js';
import { encodeQueuePlace, QUEUE_PLACE_VARIABLE } from '../../call-contract/variables.js';
import { presenceSnapshot } from './presence.js';
import { agentConfigs, localiseEventData, queueConfigs } from './queues.js';
import { coreQueueId, localQueueId } from '../../call-contract/ids.js';

/** A call the IVR handed to a queue. */
export interface QueuedCall {
  session: CallSession;
  tenant: Tenant;
  language: string | null;
  /** The caller's IVR choices, carried to the agent and to an overflow target. */
  choices: readonly string[];
  /** The core's id of the queue the call is in now (set from its queue.entered events). */
  queue: string | null;
  /** Where an overflow to a number came from: the call goes back there if the number fails. */
  overflowedFrom: string | null;
  /** Set once the caller's channel is gone. */
  callerGone: boolean;
  /** Set once the core was told the call is over. */
  ended: boolean;
  /** The caller asked to be called back at this number; `attempt` counts the calls placed. */
  callback: { number: string; attempt: number } | null;
  /** The agent pressed the tenant's opt-out key (policy opt_out): nothing of the call is recorded. */
  recordingOptedOut?: boolean;
  /** The call's bridge exists (made when someone first joins the caller, see AcdActions.bridge). */
  bridged?: boolean;
  /** On hold (hold.ts), from a phone or from the panel (the agent's leg is then out of the bridge). */
  held?: 'phone' | 'panel';
}

export interface AcdShellDeps {
  media: MediaCore;
  journal: CallJournal;
  directory: AgentDirectory;
  log: Logger;
  tenants: readonly Tenant[];
  /** Media URI of a prompt for a tenant in a language. */
  prompt: (tenant: string, name: string, language: string) => string;
  /** The trunk endpoint overflow calls to numbers go out through. */
  trunk: string;
  /** Records the call (or a part of it, see RecordingPart) unless its end has come. */
  startRecording: (session: CallSession, part?: RecordingPart) => Promise<void>;
  recordingsDir: string;
  /** Callbacks promised before the app (re)started, read once calls are reconciled with Asterisk. */
  pendingCallbacks?: () => Promise<PendingCallback[]>;
  /**
   * Checks every number the ACD dials (callbacks, transfers, consultations, overflow) and counts
   * outbound legs; share one with the click-to-call service. By default the shell makes its own.
   */
  dialling?: DiallingGuard;
  now?: () => number;
}

export type AgentCommand = { type: 'login' } | { type: 'logout' } | { type: 'pause'; reason: string } | { type: 'unpause' };

/** How long a finished call's record is kept for its late events (wrap-up end). */
const LINGER_MS = 10 * 60_000;

export class AcdShell {
  private core: AcdCore;
  private agents = new Map<string, AgentRecord>();
  private bySip = new Map<string, string>();
  readonly calls = new Map<string, QueuedCall>();
  readonly legs = new Legs();
  /** The caller's channel of each queued call: their keys (a callback request) come by channel. */
  private readonly callerChannels = new Map<string, string>();
  private readonly callbackKeys: Map<string, string>;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly savedPresence: SavedPresence = new Map();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly queueIds: Set<string>;
  private readonly actions: AcdActions;
  readonly consults: Consultations;
  private readonly holds: Holds;
  private readonly dialogues: CallbackDialogues;
  private readonly transfers: Transfers;
  readonly dialling: DiallingGuard;

  constructor(private readonly deps: AcdShellDeps) {
    this.now = deps.now ?? Date.now;
    const queues = queueConfigs(deps.tenants);
    this.queueIds = new Set(queues.map((q) => q.id));
    this.callbackKeys = new Map(queues.flatMap((q) => (q.callbackKey ? [[q.id, q.callbackKey] as const] : [])));
    this.core = new AcdCore(queues, []);
    this.dialling = deps.dialling ?? new DiallingGuard(deps);
    this.actions = new AcdActions({ ...deps, legs: this.legs, calls: this.calls, shell: this, dialling: this.dialling, now: this.now });
    this.consults = new Consultations(this, deps);
    this.holds = new Holds(this, deps, (channelId) => this.callerChannels.get(channelId));
    this.transfers = new Transfers(this, this.actions, this.consults, this.dialling);
    this.dialogues = new CallbackDialogues({
      ...deps, confirmed: (call, number) => this.requestCallback(call, number),
      waiting: (call) => this.inOrder(call.session.callId, () => this.actions.musicBack(call)),
      allowed: (call, number) => this.dialling.check({ tenant: call.tenant, number, purpose: 'callback', requestedBy: { kind: 'caller' }, agentId: null, call: call.session }).ok,
    });
  }

  /** Counts agent reloads (see MirrorLoader). */
  revision = 0;

  /** Loads agents from the database and rebuilds the core around the live calls. */
  async loadAgents(): Promise<void> {
    this.replaceAll(await this.deps.directory.all());
  }

  /** New agents start from their stored presence; agents already live keep their state. */
  replaceAll(list: AgentRecord[]): void {
    this.revision++;
    const before = this.core.snapshot();
    const known = new Set(before.agents.map((a) => a.id));
    this.agents = new Map(list.map((a) => [a.id, a]));
    this.bySip = new Map(list.map((a) => [a.sipUsername, a.id]));
    this.core = new AcdCore(queueConfigs(this.deps.tenants), agentConfigs(list));
    const snapshot = presenceSnapshot(before, list.filter((a) => !known.has(a.id)), this.now());
    for (const w of this.core.restore(snapshot)) this.deps.log.warn({ event: w }, 'ACD: agent state not restored');
    this.input({ type: 'tick' });
  }

  /** The agents loaded, whose phones must exist in Asterisk. */
  agentList(): Iterable<AgentRecord> {
    return this.agents.values();
  }

  /** A phone's registration as read from Asterisk (after a push, a reconnection). */
  registration(agentId: string, registered: boolean): void {
    if (this.core.agent(agentId) && this.core.agent(agentId)?.registered !== registered) this.input({ type: 'agent.registered', agentId, registered });
  }

  agent(id: string): AgentRecord | undefined {
    return this.agents.get(id);
  }

  agentBySip(sipUsername: string): AgentRecord | undefined {
    const id = this.bySip.get(sipUsername);
    return id ? this.agents.get(id) : undefined;
  }

  agentByLogin(tenant: string, login: string): AgentRecord | undefined {
    return [...this.agents.values()].find((a) => a.tenant === tenant && a.login === login);
  }

  agentView(id: string): AgentView | undefined {
    return this.core.agent(id);
  }

  /** The core's read-only views of calls and queues, for live displays (app/panel). */
  get coreViews(): Pick<AcdCore, 'call' | 'queueCalls'> { return this.core; }

  command(agentId: string, cmd: AgentCommand): AgentView | undefined {
    switch (cmd.type) {
      case 'login': this.input({ type: 'agent.login', agentId }); break;
      case 'logout': this.input({ type: 'agent.logout', agentId }); break;
      case 'pause': this.input({ type: 'agent.pause', agentId, reason: cmd.reason }); break;
      case 'unpause': this.input({ type: 'agent.unpause', agentId }); break;
    }
    return this.core.agent(agentId);
  }

  offersCallback(queue: string): boolean {
    return this.callbackKeys.has(queue);
  }

  hasQueue(tenant: string, queue: string): boolean {
    return this.queueIds.has(coreQueueId(tenant, queue));
  }

  enqueue(from: Pick<QueuedCall, 'session' | 'tenant' | 'language' | 'choices'>, queue: string): void {
    const call: QueuedCall = { ...from, queue: null, overflowedFrom: null, callerGone: false, ended: false, callback: null };
    const { session } = call;
    this.calls.set(session.callId, call);
    this.callerChannels.set(session.channelId, session.callId);
    this.input({
      type: 'call.enqueued', callId: session.callId, queue: coreQueueId(session.tenant, queue), language: call.language,
      context: { callerId: session.callerNumber, did: session.did, choices: call.choices.join(',') },
    });
  }

  /**
   * Calls that were waiting or talking when the app stopped, put back as they were (no new
   * queue.entered, waits still counted from their first entry), so nothing is written twice.
   */
  adopt(list: readonly AdoptedCall[]): void {
    this.restore(list.map(adoptedCall), 'ACD: adopted call not restored');
  }

  private callbacksRestored = false;

  /**
   * Once per process, after the first reconciliation (calls and agents talking are taken back
   * first, so an agent on a call is not offered a callback): the callbacks promised before.
   */
  async reconciled(): Promise<void> {
    if (this.callbacksRestored || !this.deps.pendingCallbacks) return;
    const n = this.adoptCallbacks(await this.deps.pendingCallbacks());
    this.callbacksRestored = true;
    if (n > 0) this.deps.log.info({ callbacks: n }, 'pending callbacks restored');
  }

  /**
   * Callbacks promised before the app stopped (pending-callbacks.ts), put back at their place:
   * the caller is off the line, the call waits for an agent, then the number is called.
   */
  adoptCallbacks(list: readonly PendingCallback[]): number {
    const restored = list.flatMap((p) => {
      const tenant = this.deps.tenants.find((x) => x.slug === p.tenant);
      const queue = coreQueueId(p.tenant, p.queue);
      const r = tenant && this.queueIds.has(queue) && !this.calls.has(p.callId) ? pendingCallback(p, tenant, queue, this.deps.journal) : undefined;
      return r && this.stillDiallable(r) ? [r] : [];
    });
    for (const { call } of restored) call.session.event('callback.restored', { queue: localQueueId(call.queue ?? ''), number: call.callback?.number, attempts: call.callback?.attempt });
    this.restore(restored, 'ACD: pending callback not restored');
    return restored.length;
  }

  /**
   * A callback promised before a restart is only put back if the tenant's dialling policy (perhaps
   * changed meanwhile) still allows its number; otherwise it is given up, said on its timeline.
   */
  private stillDiallable({ call }: RestoredCall): boolean {
    const cb = call.callback;
    if (!cb) return true;
    const verdict = this.dialling.check({ tenant: call.tenant, number: cb.number, purpose: 'callback', requestedBy: { kind: 'caller' }, agentId: null, call: call.session });
    if (verdict.ok) return true;
    call.session.event('callback.failed', { queue: localQueueId(call.queue ?? ''), number: cb.number, attempts: cb.attempt, reason: 'dialling.refused', rule: verdict.rule });
    return false;
  }

  /** Puts restored calls into the shell and the core (through a snapshot: nothing is written again). */
  private restore(list: readonly RestoredCall[], warning: string): void {
    if (list.length === 0) return;
    const snap = this.core.snapshot();
    for (const { call, view, legChannelId } of list) {
      const { callId } = call.session;
      this.calls.set(callId, call);
      if (!call.callerGone) this.callerChannels.set(call.session.channelId, callId);
      snap.calls.push({ ...view, seq: ++snap.seq });
      const c = view.connected;
      if (!c || !legChannelId) continue;
      const agent = snap.agents.find((v) => v.id === c.agent);
      if (agent) Object.assign(agent, { state: 'on_call', reason: null, call: callId, since: c.answeredAt, wrapUpUntil: null });
      this.legs.adopt({ channelId: legChannelId, callId, kind: 'agent', agentId: c.agent, state: 'up' });
    }
    for (const w of this.core.restore(snap)) this.deps.log.warn({ event: w }, warning);
    this.input({ type: 'tick' });
  }

  followsLeg(channelId: string): boolean {
    return this.legs.get(channelId) !== undefined;
  }

  legsGoneExcept(live: ReadonlySet<string>): void {
    for (const id of this.legs.ids()) if (!live.has(id)) this.onLegGone(id);
  }

  /** The agent talking on the call (the one a transfer or consultation starts from). */
  agentOnCall(callId: string): Leg | undefined {
    const call = this.calls.get(callId);
    if (!call || call.callerGone) return undefined;
    return this.legs.ofCall(callId).find((l) => l.kind === 'agent' && l.state === 'up');
  }

  /** Blind transfer of a call an agent is talking on (transfers.ts); the problem when it cannot be done. */
  transfer(callId: string, to: TransferTarget, requestedBy: RequestedBy): TransferOutcome {
    return this.transfers.transfer(callId, to, requestedBy);
  }

  /** Attended transfer, first step: the agent consults the target while the caller waits (consult.ts). */
  consult(callId: string, to: TransferTarget, requestedBy: RequestedBy): TransferOutcome {
    return this.transfers.consult(callId, to, requestedBy);
  }

  /** The panel puts the call an agent is talking on on hold (`held`) or takes it back (hold.ts). */
  hold(callId: string, held: boolean): HoldOutcome { return this.holds.fromPanel(callId, held); }

  /** Attended transfer, last step: `complete` hands the caller to the target, `cancel` takes them back. */
  endConsult(callId: string, how: 'complete' | 'cancel'): ConsultOutcome {
    return this.transfers.endConsult(callId, how);
  }

  /** The caller's channel is gone: before the call's hang-up is written, the queue hears of it. */
  callerGone(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.callerGone = true;
    this.callerChannels.delete(call.session.channelId);
    this.consults.callerGone(callId);
    this.dialogues.end(callId);
    // A caller who asked to be called back left on purpose: the call keeps its place.
    if (call.callback) return;
    setTimeout(() => this.calls.delete(callId), LINGER_MS).unref();
    if (!call.ended) {
      call.ended = true;
      this.input({ type: 'call.abandoned', callId });
    }
    for (const leg of this.legs.ofCall(callId)) this.stopLeg(leg);
  }

  handleMedia(e: MediaEvent): void {
    switch (e.kind) {
      case 'channel.state': return this.onLegState(e.channelId, e.state);
      case 'channel.destroyed': return this.onLegGone(e.channelId);
      case 'channel.hold': return this.holds.fromPhone(e.channelId, e.held);
      case 'dtmf': return this.legs.get(e.channelId) ? this.onAgentKey(e.channelId, e.digit) : this.onCallerKey(e.channelId, e.digit);
      case 'endpoint.state': {
        const agent = e.technology === 'PJSIP' ? this.agentBySip(e.resource) : undefined;
        if (agent) this.input({ type: 'agent.registered', agentId: agent.id, registered: e.state === 'online' });
        return;
      }
      default: return;
    }
  }

  input(input: AcdInput): void {
    const out = this.core.handle(input, this.now());
    this.write(out.events);
    for (const action of out.actions) this.execute(action);
    this.schedule(out.nextWakeAt);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Hangs up a leg the ACD no longer wants (a ring stopped, the caller gone). */
  stopLeg(leg: Leg): void {
    if (leg.state === 'stopping') return;
    leg.state = 'stopping';
    this.deps.media.hangup(leg.channelId, 'normal').catch((err: unknown) => this.deps.log.warn({ channelId: leg.channelId, err: String(err) }, 'ACD: leg could not be hung up'));
  }

  /** A leg whose call is over (found by the sweep): hung up, said in the log and on the call. */
  dropOrphanLeg(leg: Leg): void {
    this.deps.log.warn({ channelId: leg.channelId, callId: leg.callId, kind: leg.kind, agentId: leg.agentId, state: leg.state }, 'ACD: leg whose caller is gone; hanging it up');
    this.calls.get(leg.callId)?.session.event('leg.dropped', { leg: leg.kind, agent: leg.agentId, reason: 'caller gone' });
    this.stopLeg(leg);
  }

  /** A key from a waiting caller: the queue's callback key opens the callback dialogue (callback-dialog.ts), which takes the keys that follow. */
  private onCallerKey(channelId: string, digit: string): void {
    const callId = this.callerChannels.get(channelId);
    const call = callId ? this.calls.get(callId) : undefined;
    if (!call || call.callback || call.callerGone || !call.queue) return;
    if (this.dialogues.key(call, digit)) return;
    if (this.callbackKeys.get(call.queue) === digit) this.dialogues.start(call);
  }

  /** The caller confirmed the number to call back: the call keeps its place, the caller is told and hung up. */
  private requestCallback(call: QueuedCall, number: string): void {
    if (call.callerGone || call.callback) return;
    this.input({ type: 'callback.requested', callId: call.session.callId, number });
    if (!this.core.call(call.session.callId)?.callback) return; // refused by the core (an agent is about to answer)
    call.callback = { number, attempt: 0 };
    this.inOrder(call.session.callId, () => this.actions.confirmCallback(call));
  }

  /** True while the caller is in the callback dialogue (no position announcement then). */
  inCallbackDialogue(callId: string): boolean {
    return this.dialogues.active(callId);
  }

  /** A key from an agent's phone on a call: the tenant's opt-out key (policy opt_out) stops and discards the recording. */
  private onAgentKey(channelId: string, digit: string): void {
    const leg = this.legs.get(channelId);
    const call = leg?.kind === 'agent' && leg.state === 'up' ? this.calls.get(leg.callId) : undefined;
    const policy = call?.tenant.recording;
    if (!leg || !call || policy?.policy !== 'opt_out' || digit !== policy.optOutKey || call.recordingOptedOut) return;
    call.recordingOptedOut = true;
    this.inOrder(leg.callId, () => this.actions.optOut(call, leg.agentId));
  }

  private onLegState(channelId: string, state: string): void {
    const leg = this.legs.get(channelId);
    if (!leg || leg.state === 'stopping' || leg.state === 'up') return;
    if (state === 'Ringing' && leg.state === 'dialling') {
      leg.state = 'ringing';
      if (leg.agentId) this.input({ type: 'agent.ringing', callId: leg.callId, agentId: leg.agentId });
    } else if (state === 'Up') {
      leg.state = 'up';
      const call = this.calls.get(leg.callId);
      if (leg.kind === 'agent' && leg.agentId) {
        this.dialogues.end(leg.callId);
        this.input({ type: 'agent.answered', callId: leg.callId, agentId: leg.agentId });
      }
      else if (leg.kind === 'consult') { if (call) this.consults.answered(call, leg); }
      else this.inOrder(leg.callId, () => this.actions.joinFarEnd(leg));
    }
  }

  private onLegGone(channelId: string): void {
    const leg = this.legs.close(channelId);
    if (!leg) return;
    const call = this.calls.get(leg.callId);
    if (call && this.consults.legGone(call, leg)) return;
    if (leg.state === 'up') {
      // The agent (or the overflow or transfer target) hung up: the talk is over for the caller too.
      if (leg.kind === 'agent' && call) call.session.event('agent.hangup', { agent: leg.agentId });
      if (call?.callback && call.callerGone) {
        // A callback's conversation is over: the other leg goes too, the agent wraps up.
        for (const other of this.legs.ofCall(leg.callId)) this.stopLeg(other);
        if (!call.ended) {
          call.ended = true;
          this.input({ type: 'call.ended', callId: leg.callId });
        }
        this.inOrder(leg.callId, () => this.actions.endCallback(call, leg.kind === 'agent' ? 'agent' : 'caller'));
        return;
      }
      if (call && !call.callerGone) {
        call.session.hungUpBy = leg.kind === 'agent' ? 'agent' : 'far end';
        this.deps.media.hangup(call.session.channelId, 'normal').catch(() => undefined);
      }
      if (leg.kind === 'agent' && call && !call.ended) {
        call.ended = true;
        this.input({ type: 'call.ended', callId: leg.callId });
      }
      return;
    }
    if (leg.state === 'stopping') return;
    // The phone refused, was busy or unreachable before answering.
    if (leg.kind === 'agent' && leg.agentId) this.input({ type: 'agent.rejected', callId: leg.callId, agentId: leg.agentId });
    else if (call) this.actions.farEndFailed(call, leg.kind);
  }

  private execute(action: AcdAction): void {
    const key = 'callId' in action ? action.callId : `agent:${action.agentId}`;
    this.inOrder(key, () => this.actions.perform(action));
  }

  /** Runs `fn` after the work already queued under `key` (a call's id): a call's steps keep their order. */
  inOrder(key: string, fn: () => Promise<void>): void {
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(fn)
      .catch((err: unknown) => this.deps.log.error({ key, err: err instanceof Error ? err.stack : String(err) }, 'ACD action failed'));
    this.chains.set(key, next);
    void next.finally(() => { if (this.chains.get(key) === next) this.chains.delete(key); });
  }

  private write(events: AcdEvent[]): void {
    for (const e of events) {
      const data = localiseEventData(e.data);
      const at = new Date(e.at);
      if (e.type === 'acd.warning') this.deps.log.warn({ callId: e.callId, ...data }, 'ACD warning');
      if (e.callId !== null) {
        const call = this.calls.get(e.callId);
        if (!call) {
          this.deps.log.warn({ event: e }, 'ACD event for a call the shell does not hold');
          continue;
        }
        if (e.type === 'queue.entered' && typeof e.data.queue === 'string') this.remember(call, e.data.queue, e.at);
        call.session.event(e.type, e.type === 'queue.entered' ? { ...data, choices: call.choices } : data, at);
        if (e.type === 'agent.state' || e.type === 'agent.state_pending') this.agentEvent(e, data, at);
        continue;
      }
      this.agentEvent(e, data, at);
    }
  }

  /** The queue and entry time go on the caller's channel too: a restarted app reads them back. */
  private remember(call: QueuedCall, queue: string, at: number): void {
    call.queue = queue;
    const { media } = this.deps;
    const id = call.session.channelId;
    const place = encodeQueuePlace({ queue, since: at, language: call.language, choices: [...call.choices] });
    this.inOrder(call.session.callId, () => media.setVariable(id, QUEUE_PLACE_VARIABLE, place));
  }

  private agentEvent(e: AcdEvent, data: Record<string, unknown>, at: Date): void {
    const agent = typeof data.agent === 'string' ? this.agents.get(data.agent) : undefined;
    if (agent) journalAgentEvent(this.deps, agent, e.type, data, at, this.savedPresence);
  }

  private schedule(at: number | null): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (at === null) return;
    this.timer = setTimeout(() => this.input({ type: 'tick' }), Math.max(0, at - this.now()));
  }
}
