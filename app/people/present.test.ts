// What the administration API shows: users, tokens and audit rows carry exactly their public
// fields (never a hash or secret, even when the row has them), and audit before/after hold only
// what changed.
import test from 'ava';
import { auditFields, changedFields, presentAuditEvent, presentToken, presentUser, type UserFacts } from './present.js';

const at = new Date('2026-12-05T10:00:00.000Z');
const row: UserFacts & { passwordHash: string; totpPendingSealed: string; sessionEpoch: number } = {
  id: 7, login: 'marie', name: 'Marie Dupont', role: 'agent', agentId: 'a1', language: 'fr', totpSealed: 'v1.sealed.secret.tag',
  disabledAt: null, lockedUntil: null, lastLoginAt: at, createdAt: at,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$salt$hash', totpPendingSealed: 'v1.pending', sessionEpoch: 3,
};

test('given a user row with its secrets, when presented, then only the public fields come out, secondFactor as a boolean', (t) => {
  const user = presentUser(row, { tenant: 'habitat', agentLogin: '201' });
  t.deepEqual(user, {
    id: 7, login: 'marie', name: 'Marie Dupont', role: 'agent', tenant: 'habitat', agentId: 'a1', agentLogin: '201', language: 'fr',
    secondFactor: true, disabled: false, lockedUntil: null, lastLoginAt: at.toISOString(), createdAt: at.toISOString(),
  });
  t.notRegex(JSON.stringify(user), /argon|sealed|pending|epoch/i);
  t.like(presentUser({ ...row, totpSealed: null, disabledAt: at }, { tenant: null, agentLogin: null }), { secondFactor: false, disabled: true });
});

test('given a user before and after a change, when compared, then before and after hold only the fields that changed', (t) => {
  const before = auditFields(presentUser(row, { tenant: 'habitat', agentLogin: '201' }));
  const after = { ...before, role: 'supervisor' as const, agentLogin: null, name: before.name };
  t.deepEqual(changedFields(before, after, ['name', 'role', 'tenant', 'agentLogin', 'language']), {
    before: { role: 'agent', agentLogin: '201' }, after: { role: 'supervisor', agentLogin: null },
  });
  t.deepEqual(changedFields(before, before, ['name', 'role']), { before: {}, after: {} });
});

test('given a token row with its hash, when presented, then its hash is not there', (t) => {
  const token = presentToken(
    { id: 3, name: 'export', role: 'supervisor', agentId: null, createdAt: at, lastUsedAt: null, revokedAt: at, tokenSha256: 'f'.repeat(64) } as Parameters<typeof presentToken>[0],
    { tenant: null, agentLogin: null },
  );
  t.deepEqual(token, {
    id: 3, name: 'export', role: 'supervisor', tenant: null, agentId: null, agentLogin: null,
    createdAt: at.toISOString(), lastUsedAt: null, revokedAt: at.toISOString(),
  });
});

test('given audit rows whose data came back as text, an object or garbage, when presented, then data is always an object', (t) => {
  const base = { id: 9, at, type: 'user.changed', userId: 7, tokenId: null, actor: 'user 1 (admin)', address: '127.0.0.1', method: 'PATCH', path: '/api/x', status: null };
  t.deepEqual(presentAuditEvent({ ...base, data: '{"a":1}' }, 'habitat').data, { a: 1 });
  t.deepEqual(presentAuditEvent({ ...base, data: { b: [true] } }, null).data, { b: [true] });
  t.deepEqual(presentAuditEvent({ ...base, data: 'not json' }, null).data, {});
  t.deepEqual(presentAuditEvent({ ...base, data: '[1]' }, null).data, {});
  t.like(presentAuditEvent({ ...base, data: {} }, 'habitat'), { id: 9, at: at.toISOString(), tenant: 'habitat', type: 'user.changed' });
});
