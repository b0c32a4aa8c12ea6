import test from 'ava';
import type { AdminUser } from '../api/admin';
import { formOf, newUserBody, userChange } from './person-change';

const agent: AdminUser = {
  id: 4, login: 'sam', name: 'Sam', role: 'agent', tenant: 'energie', agentId: 'a1', agentLogin: '1001', language: 'fr',
  secondFactor: false, disabled: false, lockedUntil: null, lastLoginAt: null, createdAt: '2026-12-01T08:00:00.000Z',
};

test('a new agent names its agent; another role does not', (t) => {
  t.deepEqual(newUserBody(' sam ', { name: ' Sam ', role: 'agent', language: 'ar', agent: ' 1001 ' }), { login: 'sam', name: 'Sam', role: 'agent', language: 'ar', agent: '1001' });
  t.deepEqual(newUserBody('lea', { name: 'Léa', role: 'supervisor', language: 'fr', agent: '1001' }), { login: 'lea', name: 'Léa', role: 'supervisor', language: 'fr' });
});

test('an edit sends only what changed', (t) => {
  t.deepEqual(userChange(agent, formOf(agent)), {});
  t.deepEqual(userChange(agent, { ...formOf(agent), name: 'Sam B.', language: 'en' }), { name: 'Sam B.', language: 'en' });
  t.deepEqual(userChange(agent, { ...formOf(agent), agent: '1002' }), { agent: '1002' });
});

test('an agent who becomes a supervisor is unlinked in the same change', (t) => {
  t.deepEqual(userChange(agent, { ...formOf(agent), role: 'supervisor' }), { role: 'supervisor', agent: null });
  const supervisor: AdminUser = { ...agent, role: 'supervisor', agentId: null, agentLogin: null };
  t.deepEqual(userChange(supervisor, { ...formOf(supervisor), role: 'agent', agent: '1003' }), { role: 'agent', agent: '1003' });
});
