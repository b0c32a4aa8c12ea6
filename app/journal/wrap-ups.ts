// Which calls a batch summarises, once each, when the call is final: a call whose end is
// written while an agent who took it is still wrapping it up is summarised when that wrap-up
// ends (its handle time is then known), not once at its end and again at the wrap-up end. The
// journal knows an agent is wrapping up from the ACD's own entries: `agent.answered` (call
// event: the agent's call) and the agent's `agent.state` events (agent events: into and out
// of `wrap_up`); the wrap-up ends with the call's `agent.wrapup_ended` or the agent leaving
// `wrap_up`, whichever is written first.
// What the journal has not seen (a process started since, entries in another order) waits for
// nothing: the call is summarised at its end and again at its wrap-up end, as correct, only
// dearer. A call waits at most MAX_WAIT_MS (event time) for a wrap-up end that never comes.
// A call left waiting by a process that stopped is found again by the summariser's sweep
// (CallSummariser.unsummarised). State changes only once the batch is committed (commit()).
import type { JournalEntry } from './entries.js';
import { callsToSummarise } from './summaries.js';

/** Longer than the ACD shell keeps a call for its wrap-up end (10 min): it cannot come after. */
export const MAX_WAIT_MS = 15 * 60_000;

interface AgentSeen {
  /** The call the agent last answered. */
  call: string;
  wrappingUp: boolean;
}

interface Waiting {
  /** Agents still wrapping the call up. */
  agents: Set<string>;
  /** Event time of its end. */
  endedAt: number;
}

export interface SummaryPlan {
  /** The calls to summarise in the batch's transaction, each once. */
  calls: string[];
  /** The calls waiting for a wrap-up end once the batch is committed. */
  waiting: ReadonlySet<string>;
  /** The batch is committed: what it said about agents and waiting calls now holds. */
  commit(): void;
}

const agentOf = (data: Record<string, unknown> | null | undefined): string | undefined => (typeof data?.agent === 'string' ? data.agent : undefined);

export class WrapUpWaits {
  private agents = new Map<string, AgentSeen>();
  private waiting = new Map<string, Waiting>();

  /** Calls waiting for a wrap-up end (tests and logs). */
  get waitingCalls(): string[] {
    return [...this.waiting.keys()];
  }

  plan(entries: readonly JournalEntry[]): SummaryPlan {
    const agents = new Map([...this.agents].map(([id, a]) => [id, { ...a }]));
    const waiting = new Map([...this.waiting].map(([id, w]) => [id, { ...w, agents: new Set(w.agents) }]));
    const released: string[] = [];
    const release = (agentId: string): void => {
      const agent = agents.get(agentId);
      if (agent) agent.wrappingUp = false;
      for (const [callId, w] of waiting) {
        if (w.agents.delete(agentId) && w.agents.size === 0) {
          waiting.delete(callId);
          released.push(callId);
        }
      }
    };
    let latest = -Infinity;
    const ends = new Map<string, number>();
    for (const e of entries) {
      if (e.kind === 'event') {
        const { type, callId, data, at } = e.event;
        latest = Math.max(latest, at.getTime());
        const agent = agentOf(data);
        if (type === 'agent.answered' && agent) {
          release(agent); // taking a call, the agent is done with the last one whatever was written
          agents.set(agent, { call: callId, wrappingUp: false });
        } else if (type === 'agent.wrapup_ended' && agent && agents.get(agent)?.call === callId) release(agent);
        else if (type === 'call.hangup') ends.set(callId, at.getTime());
      } else if (e.kind === 'agent-event' && e.event.type === 'agent.state') {
        const { agentId, data, at } = e.event;
        latest = Math.max(latest, at.getTime());
        const agent = agents.get(agentId);
        if (data?.to === 'wrap_up' && agent) agent.wrappingUp = true;
        else if (data?.from === 'wrap_up') release(agentId);
      } else if (e.kind === 'call-update' && e.update.endedAt) {
        ends.set(e.callId, ends.get(e.callId) ?? e.update.endedAt.getTime());
      }
    }
    const calls: string[] = [];
    for (const callId of callsToSummarise(entries)) {
      const holders = [...agents].filter(([, a]) => a.call === callId && a.wrappingUp).map(([id]) => id);
      if (holders.length === 0) calls.push(callId);
      else waiting.set(callId, { agents: new Set(holders), endedAt: waiting.get(callId)?.endedAt ?? ends.get(callId) ?? latest });
    }
    for (const [callId, w] of waiting) {
      if (w.endedAt < latest - MAX_WAIT_MS) {
        waiting.delete(callId);
        released.push(callId);
      }
    }
    for (const callId of released) if (!calls.includes(callId)) calls.push(callId);
    return {
      calls,
      waiting: new Set(waiting.keys()),
      commit: () => {
        this.agents = agents;
        this.waiting = waiting;
      },
    };
  }
}
