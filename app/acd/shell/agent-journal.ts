// An agent's own events (state, registration) go to agent_events; the presence the agent chose
// (or the no-answer pause) is also saved on the agent, so that a restart puts them back there.
// Ringing, on call and wrap-up are live states only, and a presence is written only when it changes
// (the record loaded from the directory holds the one saved).
import { randomUUID } from 'node:crypto';
import type { AgentDirectory, AgentRecord } from '../../agents/directory.js';
import type { CallJournal } from '../../journal/journal.js';
import type { Logger } from '../../log/logger.js';

/** The presence last saved per agent id, as `<presence>/<reason>`; an agent not in it has its record's. */
export type SavedPresence = Map<string, string>;

export function journalAgentEvent(
  deps: { journal: CallJournal; directory: AgentDirectory; log: Logger }, agent: AgentRecord, type: string, data: Record<string, unknown>, at: Date, saved: SavedPresence,
): void {
  deps.journal.append({ kind: 'agent-event', event: { id: randomUUID(), tenant: agent.tenant, agentId: agent.id, type, at, data } });
  const to = data.to;
  if (type !== 'agent.state' || (to !== 'logged_out' && to !== 'available' && to !== 'paused')) return;
  const reason = to === 'paused' && typeof data.reason === 'string' ? data.reason : null;
  // Back to available after a call's wrap-up is the presence already saved: nothing to write.
  const key = `${to}/${reason ?? ''}`;
  if ((saved.get(agent.id) ?? `${agent.presence}/${agent.pauseReason ?? ''}`) === key) return;
  saved.set(agent.id, key);
  deps.directory.setPresence(agent.id, to, reason, at)
    .catch((err: unknown) => {
      saved.delete(agent.id); // written again at the next change
      deps.log.warn({ agentId: agent.id, err: String(err) }, 'agent presence not saved');
    });
}
