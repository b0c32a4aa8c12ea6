// The agent's ACD state around a click-to-call. Only an agent who is available or paused, whose
// phone is registered and who is not already placing a call may place one. Meanwhile the ACD
// offers them nothing: they are paused with the reason `outbound` (through the ACD shell, which
// journals the state change). Afterwards an agent who was available is made available again, and
// one who was paused for another reason is paused again with that reason; an agent whose state
// someone changed during the call (logged out, paused for lunch) is left as they are now.
import type { AgentView } from '../acd/core/types.js';
import type { AgentCommand } from '../acd/shell/shell-types.js';

export const OUTBOUND_PAUSE_REASON = 'outbound';

const BUSY: Record<'ringing' | 'on_call' | 'wrap_up', string> = {
  ringing: 'the agent\'s phone is ringing with a call',
  on_call: 'the agent is on a call',
  wrap_up: 'the agent is wrapping up a call',
};

export type PriorPresence = { state: 'available' } | { state: 'paused'; reason: string };

/** Why the agent cannot place a call now; undefined when they can. */
export function refusal(view: AgentView | undefined, placing: boolean): string | undefined {
  if (placing) return 'the agent is already placing a call';
  if (!view || view.state === 'logged_out') return 'the agent is not logged in';
  if (view.state !== 'available' && view.state !== 'paused') return BUSY[view.state];
  if (!view.registered) return 'the agent\'s phone is not registered';
  return undefined;
}

/** What to put the agent back to; a stale `outbound` pause (no call behind it) counts as available. */
export function priorPresence(view: Pick<AgentView, 'state' | 'reason'>): PriorPresence {
  if (view.state === 'paused' && view.reason && view.reason !== OUTBOUND_PAUSE_REASON) return { state: 'paused', reason: view.reason };
  return { state: 'available' };
}

/** The command that gives the agent their state back, or none when the `outbound` pause is no longer theirs. */
export function restoreCommand(prior: PriorPresence, view: Pick<AgentView, 'state' | 'reason'> | undefined): AgentCommand | undefined {
  if (view?.state !== 'paused' || view.reason !== OUTBOUND_PAUSE_REASON) return undefined;
  return prior.state === 'available' ? { type: 'unpause' } : { type: 'pause', reason: prior.reason };
}
