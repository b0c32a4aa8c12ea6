// Per-agent authorisation: an `agent` token acts only for the one agent it names (its
// credentials' agentId); every other role passes, its reach being the tenant (tenant-access.ts).
// Call it once the agent is known to exist in the tenant, so that an unknown agent is a 404 and
// a refusal (403) only ever says "not yours" about an agent that exists.
import { ForbiddenError } from '../errors/domain.js';
import type { TokenCredentials } from './credentials.js';

/** Throws a 403 `auth.other_agent` when an agent's token acts for another agent than its own. */
export function assertActsForAgent(credentials: Pick<TokenCredentials, 'role' | 'agentId'>, agentId: string): void {
  if (credentials.role !== 'agent' || (credentials.agentId !== null && credentials.agentId === agentId)) return;
  throw new ForbiddenError('auth.other_agent', 'an agent\'s token may act only for that agent', { agent: agentId });
}
