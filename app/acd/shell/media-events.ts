// What Asterisk tells the ACD, turned into the core's inputs and the shell's actions: the legs
// it placed ringing, answering or gone (an agent's phone, an overflow or transfer target, a
// consultation, a caller called back), phones registering, holds from a phone, and keys (a waiting
// caller's callback key and dialogue, an agent's recording opt-out key).
import type { MediaEvent } from '../../media/types.js';
import type { AcdActions } from './actions.js';
import type { CallbackDialogues } from './callback-dialog.js';
import type { Holds } from './hold.js';
import type { AcdShell } from './shell.js';
import type { AcdShellDeps, QueuedCall } from './shell-types.js';

export interface EventParts {
  shell: AcdShell;
  deps: AcdShellDeps;
  actions: AcdActions;
  holds: Holds;
  /** The callback key of each queue offering callbacks (core queue id -> key). */
  callbackKeys: ReadonlyMap<string, string>;
}

export class ShellMediaEvents {
  dialogues!: CallbackDialogues;

  constructor(private readonly p: EventParts) {}

  handleMedia(e: MediaEvent): void {
    switch (e.kind) {
      case 'channel.state': return this.onLegState(e.channelId, e.state);
      case 'channel.destroyed': return this.legGone(e.channelId);
      case 'channel.hold': return this.p.holds.fromPhone(e.channelId, e.held);
      case 'dtmf': return this.p.shell.legs.get(e.channelId) ? this.onAgentKey(e.channelId, e.digit) : this.onCallerKey(e.channelId, e.digit);
      case 'endpoint.state': {
        const agent = e.technology === 'PJSIP' ? this.p.shell.agentBySip(e.resource) : undefined;
        if (agent) this.p.shell.input({ type: 'agent.registered', agentId: agent.id, registered: e.state === 'online' });
        return;
      }
      default: return;
    }
  }

  /** A key from a waiting caller: the queue's callback key opens the callback dialogue (callback-dialog.ts), which takes the keys that follow. */
  private onCallerKey(channelId: string, digit: string): void {
    const callId = this.p.shell.callerChannels.get(channelId);
    const call = callId ? this.p.shell.calls.get(callId) : undefined;
    if (!call || call.callback || call.callerGone || !call.queue) return;
    if (this.dialogues.key(call, digit)) return;
    if (this.p.callbackKeys.get(call.queue) === digit) this.dialogues.start(call);
  }

  /** The caller confirmed the number to call back: the call keeps its place, the caller is told and hung up. */
  requestCallback(call: QueuedCall, number: string): void {
    if (call.callerGone || call.callback) return;
    this.p.shell.input({ type: 'callback.requested', callId: call.session.callId, number });
    if (!this.p.shell.coreViews.call(call.session.callId)?.callback) return; // refused by the core (an agent is about to answer)
    call.callback = { number, attempt: 0 };
    this.p.shell.inOrder(call.session.callId, () => this.p.actions.confirmCallback(call));
  }

  /** A key from an agent's phone on a call: the tenant's opt-out key (policy opt_out) stops and discards the recording. */
  private onAgentKey(channelId: string, digit: string): void {
    const leg = this.p.shell.legs.get(channelId);
    const call = leg?.kind === 'agent' && leg.state === 'up' ? this.p.shell.calls.get(leg.callId) : undefined;
    const policy = call?.tenant.recording;
    if (!leg || !call || policy?.policy !== 'opt_out' || digit !== policy.optOutKey || call.recordingOptedOut) return;
    call.recordingOptedOut = true;
    this.p.shell.inOrder(leg.callId, () => this.p.actions.optOut(call, leg.agentId));
  }

  private onLegState(channelId: string, state: string): void {
    const leg = this.p.shell.legs.get(channelId);
    if (!leg || leg.state === 'stopping' || leg.state === 'up') return;
    if (state === 'Ringing' && leg.state === 'dialling') {
      leg.state = 'ringing';
      if (leg.agentId) this.p.shell.input({ type: 'agent.ringing', callId: leg.callId, agentId: leg.agentId });
    } else if (state === 'Up') {
      leg.state = 'up';
      const call = this.p.shell.calls.get(leg.callId);
      if (leg.kind === 'agent' && leg.agentId) {
        this.dialogues.end(leg.callId);
        this.p.shell.input({ type: 'agent.answered', callId: leg.callId, agentId: leg.agentId });
      }
      else if (leg.kind === 'consult') { if (call) this.p.shell.consults.answered(call, leg); }
      else this.p.shell.inOrder(leg.callId, () => this.p.actions.joinFarEnd(leg));
    }
  }

  /** A leg is gone (Asterisk destroyed it, or it was not found after a reconnection). */
  legGone(channelId: string): void {
    const leg = this.p.shell.legs.close(channelId);
    if (!leg) return;
    const call = this.p.shell.calls.get(leg.callId);
    if (call && this.p.shell.consults.legGone(call, leg)) return;
    if (leg.state === 'up') {
      // The agent (or the overflow or transfer target) hung up: the talk is over for the caller too.
      if (leg.kind === 'agent' && call) call.session.event('agent.hangup', { agent: leg.agentId });
      if (call?.callback && call.callerGone) {
        // A callback's conversation is over: the other leg goes too, the agent wraps up.
        for (const other of this.p.shell.legs.ofCall(leg.callId)) this.p.shell.stopLeg(other);
        if (!call.ended) {
          call.ended = true;
          this.p.shell.input({ type: 'call.ended', callId: leg.callId });
        }
        this.p.shell.inOrder(leg.callId, () => this.p.actions.endCallback(call, leg.kind === 'agent' ? 'agent' : 'caller'));
        return;
      }
      if (call && !call.callerGone) {
        call.session.hungUpBy = leg.kind === 'agent' ? 'agent' : 'far end';
        this.p.deps.media.hangup(call.session.channelId, 'normal')
          .catch((err: unknown) => this.p.deps.log.warn({ ...call.session.logContext, err: String(err) }, 'ACD: caller could not be hung up after the far end'));
      }
      if (leg.kind === 'agent' && call && !call.ended) {
        call.ended = true;
        this.p.shell.input({ type: 'call.ended', callId: leg.callId });
      }
      return;
    }
    if (leg.state === 'stopping') return;
    // The phone refused, was busy or unreachable before answering.
    if (leg.kind === 'agent' && leg.agentId) this.p.shell.input({ type: 'agent.rejected', callId: leg.callId, agentId: leg.agentId });
    else if (call) this.p.actions.farEndFailed(call, leg.kind);
  }
}
