// An agent's own events (state, registration) go to agent_events; the presence the agent chose
// (or the no-answer pause) is also saved on the agent, so that a restart puts them back there.
// Ringing, on call and wrap-up are live states only.
import { randomUUID } from 'node:crypto';
import type { AgentDirectory, AgentRecord } from '../../agents/directory.js';
import type { CallJournal } from '../../journal/journal.js';
import type { Logger } from '../../log/logger.js';

export function journalAgentEvent(
  deps: { journal: CallJournal; directory: AgentDirectory; log: Logger }, agent: AgentRecord, type: string, data: Record<string, unknown>, at: Date,
): void {
  deps.journal.append({ kind: 'agent-event', event: { id: randomUUID(), tenant: agent.tenant, agentId: agent.id, type, at, data } });
  const to = data.to;
  if (type !== 'agent.state' || (to !== 'logged_out' && to !== 'available' && to !== 'paused')) return;
  const reason = typeof data.reason === 'string' ? data.reason : null;
  deps.directory.setPresence(agent.id, to, reason, at)
    .catch((err: unknown) => deps.log.warn({ agentId: agent.id, err: String(err) }, 'agent presence not saved'));
}
