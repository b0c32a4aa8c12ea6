// The ACD's imperative shell: it owns the pure core (../core), feeds it what happens (calls
// queued by the IVR, callers hanging up, agents' phones ringing, answering or refusing, phones
// registering, agents logging in or pausing, timers), writes the events it returns to the
// journal and carries out its actions on the media core (ring an agent's phone, stop it, bridge
// the agent with the caller, announce, overflow to a number). Actions of one call run in order;
// different calls do not wait on each other.
import type { AgentRecord } from '../../agents/directory.js';
import type { AdoptedCall } from '../../call-contract/door.js';
import { coreQueueId } from '../../call-contract/ids.js';
import { DiallingGuard } from '../../dialling/guard.js';
import type { RequestedBy } from '../../dialling/requester.js';
import type { MediaEvent } from '../../media/types.js';
import { AcdCore } from '../core/acd.js';
import type { AcdAction, AcdInput, AgentView } from '../core/types.js';
import { AcdActions } from './actions.js';
import { CallbackDialogues } from './callback-dialog.js';
import { type ConsultOutcome, Consultations, type TransferTarget } from './consult.js';
import { EventWriter } from './event-writer.js';
import { type HoldOutcome, Holds } from './hold.js';
import { type Leg, Legs } from './legs.js';
import { ShellMediaEvents } from './media-events.js';
import type { PendingCallback } from './pending-callbacks.js';
import { presenceSnapshot } from './presence.js';
import { agentConfigs, queueConfigs } from './queues.js';
import { CallRestorer } from './restorer.js';
import type { AcdShellDeps, AgentCommand, QueuedCall } from './shell-types.js';
import { type TransferOutcome, Transfers } from './transfers.js';

export type { AcdShellDeps, AgentCommand, QueuedCall } from './shell-types.js';

/** How long a finished call's record is kept for its late events (wrap-up end). */
const LINGER_MS = 10 * 60_000;

export class AcdShell {
  private core: AcdCore;
  private agents = new Map<string, AgentRecord>();
  private bySip = new Map<string, string>();
  readonly calls = new Map<string, QueuedCall>();
  readonly legs = new Legs();
  /** The caller's channel of each queued call: their keys (a callback request) come by channel. */
  readonly callerChannels = new Map<string, string>();
  private readonly chains = new Map<string, Promise<void>>();
  /** The callback key of each queue offering callbacks (core queue id -> key). */
  private readonly callbackKeys: ReadonlyMap<string, string>;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly queueIds: Set<string>;
  private readonly actions: AcdActions;
  readonly consults: Consultations;
  private readonly holds: Holds;
  private readonly dialogues: CallbackDialogues;
  private readonly transfers: Transfers;
  private readonly events: ShellMediaEvents;
  private readonly writer: EventWriter;
  private readonly restorer: CallRestorer;
  readonly dialling: DiallingGuard;

  constructor(private readonly deps: AcdShellDeps) {
    this.now = deps.now ?? Date.now;
    const queues = queueConfigs(deps.tenants);
    this.queueIds = new Set(queues.map((q) => q.id));
    const callbackKeys = new Map(queues.flatMap((q) => (q.callbackKey ? [[q.id, q.callbackKey] as const] : [])));
    this.callbackKeys = callbackKeys;
    this.core = new AcdCore(queues, []);
    this.dialling = deps.dialling ?? new DiallingGuard(deps);
    this.actions = new AcdActions({ ...deps, legs: this.legs, calls: this.calls, shell: this, dialling: this.dialling, now: this.now });
    this.consults = new Consultations(this, deps);
    this.holds = new Holds(this, deps, (channelId) => this.callerChannels.get(channelId));
    this.transfers = new Transfers(this, this.actions, this.consults, this.dialling);
    this.events = new ShellMediaEvents({ shell: this, deps, actions: this.actions, holds: this.holds, callbackKeys });
    this.writer = new EventWriter({ shell: this, deps });
    this.restorer = new CallRestorer({ shell: this, deps, core: () => this.core, queueIds: this.queueIds });
    this.dialogues = new CallbackDialogues({
      ...deps, confirmed: (call, number) => this.events.requestCallback(call, number),
      waiting: (call) => this.inOrder(call.session.callId, () => this.actions.musicBack(call)),
      allowed: (call, number) => this.dialling.check({ tenant: call.tenant, number, purpose: 'callback', requestedBy: { kind: 'caller' }, agentId: null, call: call.session }).ok,
    });
    this.events.dialogues = this.dialogues;
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
  adopt(list: readonly AdoptedCall[]): void { this.restorer.adopt(list); }

  /** Once per process, after the first reconciliation: the callbacks promised before (restorer.ts). */
  reconciled(): Promise<void> { return this.restorer.reconciled(); }

  /** Callbacks promised before the app stopped, put back at their place (restorer.ts). */
  adoptCallbacks(list: readonly PendingCallback[]): number { return this.restorer.adoptCallbacks(list); }

  /** Every media event the ACD follows (media-events.ts). */
  handleMedia(e: MediaEvent): void { this.events.handleMedia(e); }

  /** True while the caller is in the callback dialogue (no position announcement then). */
  inCallbackDialogue(callId: string): boolean { return this.dialogues.active(callId); }

  followsLeg(channelId: string): boolean {
    return this.legs.get(channelId) !== undefined;
  }

  legsGoneExcept(live: ReadonlySet<string>): void {
    for (const id of this.legs.ids()) if (!live.has(id)) this.events.legGone(id);
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


  input(input: AcdInput): void {
    const out = this.core.handle(input, this.now());
    this.writer.write(out.events);
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

  /** A leg still up after its hang-up (found by the sweep): hung up again, said in the log. */
  hangUpAgain(leg: Leg): void {
    this.deps.log.warn({ channelId: leg.channelId, callId: leg.callId, kind: leg.kind, agentId: leg.agentId }, 'ACD: leg still up after its hang-up; hanging it up again');
    this.deps.media.hangup(leg.channelId, 'normal').catch((err: unknown) => this.deps.log.warn({ channelId: leg.channelId, err: String(err) }, 'ACD: leg could not be hung up'));
  }

  /** A stopping leg Asterisk no longer has: closed as if its end had been heard. */
  forgetLeg(channelId: string): void {
    this.events.legGone(channelId);
  }

  /** A leg whose call is over (found by the sweep): hung up, said in the log and on the call. */
  dropOrphanLeg(leg: Leg): void {
    this.deps.log.warn({ channelId: leg.channelId, callId: leg.callId, kind: leg.kind, agentId: leg.agentId, state: leg.state }, 'ACD: leg whose caller is gone; hanging it up');
    this.calls.get(leg.callId)?.session.event('leg.dropped', { leg: leg.kind, agent: leg.agentId, reason: 'caller gone' });
    this.stopLeg(leg);
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


  private schedule(at: number | null): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (at === null) return;
    this.timer = setTimeout(() => this.input({ type: 'tick' }), Math.max(0, at - this.now()));
  }
}
