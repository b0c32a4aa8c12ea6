// Agents' state when the core is (re)built: agents already live keep their state from the
// current core; agents new to it start from the presence stored in the database (logged out,
// available, or paused with its reason), not registered until Asterisk says so.
import type { AgentRecord } from '../../agents/directory.js';
import type { AcdSnapshot, AgentView } from '../core/types.js';

export function presenceSnapshot(current: AcdSnapshot, fresh: readonly AgentRecord[], now: number): AcdSnapshot {
  const views = fresh.map((a): AgentView => ({
    id: a.id, state: a.presence, reason: a.presence === 'paused' ? (a.pauseReason ?? 'break') : null, registered: false,
    idleSince: now, since: now, call: null, wrapUpUntil: null, pending: null,
  }));
  return { ...current, agents: [...current.agents, ...views] };
}
