import test from 'ava';
import type { AdminUser } from '../api/admin';
import { visiblePeople } from './people-filter';

const user = (login: string, name: string, disabled: boolean, agentLogin: string | null = null): AdminUser => ({
  id: login.length, login, name, role: 'agent', tenant: 'energie', agentId: null, agentLogin, language: 'fr',
  secondFactor: false, disabled, lockedUntil: null, lastLoginAt: null, createdAt: '2026-12-01T08:00:00.000Z',
});
const all = [user('a.old', 'Ancien', true), user('b.sam', 'Samira', false, '1001'), user('c.paul', 'Paul', false)];

test('active people come first; the disabled only when asked', (t) => {
  t.deepEqual(visiblePeople(all, { query: '', showDisabled: true }).map((u) => u.login), ['b.sam', 'c.paul', 'a.old']);
  t.deepEqual(visiblePeople(all, { query: '', showDisabled: false }).map((u) => u.login), ['b.sam', 'c.paul']);
});

test('what is typed matches the login, the name or the agent login, in any case', (t) => {
  t.deepEqual(visiblePeople(all, { query: 'SAMI', showDisabled: true }).map((u) => u.login), ['b.sam']);
  t.deepEqual(visiblePeople(all, { query: '1001', showDisabled: true }).map((u) => u.login), ['b.sam']);
  t.deepEqual(visiblePeople(all, { query: ' ancien ', showDisabled: false }), []);
});
