import test from 'ava';
import { assertActsForAgent } from './agent-access.js';
import { ROLES } from './roles.js';

const OWN = '3f0c6a52-8d7e-4e0b-9a51-1c2d3e4f5a6b';
const OTHER = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

test('given an agent\'s token, when it acts for its own agent, then it may', (t) => {
  t.notThrows(() => assertActsForAgent({ role: 'agent', agentId: OWN }, OWN));
});

test('given an agent\'s token, when it acts for another agent, then a 403 other_agent names that agent', (t) => {
  const err = t.throws(() => assertActsForAgent({ role: 'agent', agentId: OWN }, OTHER));
  t.like(err, { status: 403, id: 'auth.other_agent', details: { agent: OTHER } });
});

test('given an agent token that names no agent, when it acts for any agent, then it is refused', (t) => {
  t.like(t.throws(() => assertActsForAgent({ role: 'agent', agentId: null }, OWN)), { status: 403, id: 'auth.other_agent' });
});

test('given every other role, when it acts for any agent, then the agent rule lets it (its tenant is checked elsewhere)', (t) => {
  for (const role of ROLES.filter((r) => r !== 'agent')) {
    t.notThrows(() => assertActsForAgent({ role, agentId: null }, OTHER), role);
  }
});
