// Hold and resume of a call an agent is talking on. From a phone: the agent's desk phone or the
// caller's sends a re-INVITE offering sendonly or inactive, then sendrecv (ARI ChannelHold /
// ChannelUnhold); from the agent panel: POST .../hold and .../resume. Either way it is written on
// the call (`call.held`, `call.resumed` {by: agent (with the agent) | caller}) and the call's
// bridge plays music meanwhile, so the caller hears music. The panel's hold also takes the agent's
// leg out of the bridge (as a consultation does), so that the agent hears nothing and the caller
// does not hear the agent; the resume, from the panel or a phone, puts it back. A consultation has
// its own music: holds are ignored during one, and starting one forgets the hold (transfers.ts).
import type { AcdShell } from './shell.js';
import type { AcdShellDeps, QueuedCall } from './shell-types.js';

export type HoldOutcome = 'ok' | 'unknown call' | 'not with an agent' | 'consulting' | 'already held' | 'not held';

export class Holds {
  constructor(
    private readonly shell: AcdShell,
    private readonly deps: Pick<AcdShellDeps, 'media'>,
    /** The call whose caller is on this channel. */
    private readonly callerOn: (channelId: string) => string | undefined,
  ) {}

  /** A phone put the call on hold or took it back: the agent's (its leg) or the caller's (their channel). */
  fromPhone(channelId: string, held: boolean): void {
    const leg = this.shell.legs.get(channelId);
    const callId = leg?.kind === 'agent' && leg.state === 'up' ? leg.callId : this.callerOn(channelId);
    const call = callId ? this.shell.calls.get(callId) : undefined;
    if (!call || !this.talking(call)) return;
    // A phone's hold of a call the panel holds keeps the agent's leg out until the resume.
    const legOut = call.held === 'panel';
    call.held = held ? (call.held ?? 'phone') : undefined;
    this.write(call, held, leg ? { by: 'agent', agent: leg.agentId } : { by: 'caller' });
    this.media(call, held, !held && legOut);
  }

  /** The panel's hold (`held`) or resume of the call, for the agent talking on it. */
  fromPanel(callId: string, held: boolean): HoldOutcome {
    const call = this.shell.calls.get(callId);
    if (!call || call.callerGone) return 'unknown call';
    const leg = this.shell.agentOnCall(callId);
    if (!leg) return 'not with an agent';
    if (this.shell.consults.of(callId)) return 'consulting';
    if (held && call.held) return 'already held';
    if (!held && !call.held) return 'not held';
    const legOut = call.held === 'panel';
    call.held = held ? 'panel' : undefined;
    this.write(call, held, { by: 'agent', agent: leg.agentId });
    if (held) {
      const { media } = this.deps;
      this.shell.inOrder(callId, async () => {
        await media.removeFromBridge(call.session.bridgeId, [leg.channelId]);
        await media.startMusicOnHold({ kind: 'bridge', id: call.session.bridgeId });
      });
    } else {
      this.media(call, false, legOut);
    }
    return 'ok';
  }

  private talking(call: QueuedCall): boolean {
    const { callId } = call.session;
    return !call.callerGone && !this.shell.consults.of(callId) && this.shell.agentOnCall(callId) !== undefined;
  }

  private write(call: QueuedCall, held: boolean, by: { by: 'agent'; agent: string | null } | { by: 'caller' }): void {
    call.session.event(held ? 'call.held' : 'call.resumed', by);
  }

  /** Music on (or off) in the call's bridge; `legBack`: the agent's leg goes back into it. */
  private media(call: QueuedCall, held: boolean, legBack: boolean): void {
    const { media } = this.deps;
    const { bridgeId, callId } = call.session;
    const leg = this.shell.agentOnCall(callId);
    this.shell.inOrder(callId, async () => {
      if (held) return media.startMusicOnHold({ kind: 'bridge', id: bridgeId });
      await media.stopMusicOnHold({ kind: 'bridge', id: bridgeId });
      if (legBack && leg?.state === 'up') await media.addToBridge(bridgeId, [leg.channelId]);
    });
  }
}
