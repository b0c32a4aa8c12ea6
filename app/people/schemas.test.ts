// The administration API's request schemas: strict objects, bounded strings, the password
// either given or generated, and the audit query's filters and page size.
import test from 'ava';
import { likePrefix } from './audit-query.js';
import { AuditQueryParams, ChangeUserBody, CreateTokenBody, CreateUserBody, PasswordResetBody, UserParams } from './schemas.js';

test('given a new user, when parsed, then the name is trimmed and unknown fields, bad roles and long strings are refused', (t) => {
  t.like(CreateUserBody.parse({ login: 'marie', name: '  Marie  ', role: 'supervisor' }), { name: 'Marie' });
  t.like(CreateUserBody.parse({ login: 'a201', name: 'A', role: 'agent', agent: '201', language: 'ar' }), { agent: '201', language: 'ar' });
  for (const bad of [
    { login: 'marie', name: 'Marie', role: 'supervisor', admin: true },
    { login: 'marie', name: 'Marie', role: 'boss' },
    { login: 'marie', name: 'x'.repeat(121), role: 'supervisor' },
    { login: 'x'.repeat(65), name: 'Marie', role: 'supervisor' },
    { login: 'marie', name: '   ', role: 'supervisor' },
    { login: 'marie', name: 'Marie', role: 'supervisor', password: 'p'.repeat(1025) },
    { login: 'marie', name: 'Marie', role: 'agent', agent: 'abc' },
    { login: 'marie', name: 'Marie', role: 'supervisor', language: 'de' },
  ]) t.false(CreateUserBody.safeParse(bad).success, JSON.stringify(bad).slice(0, 80));
});

test('given a change, when parsed, then at least one known field is needed and null unlinks the agent or moves to the staff', (t) => {
  t.deepEqual(ChangeUserBody.parse({ agent: null, tenant: null }), { agent: null, tenant: null });
  t.deepEqual(ChangeUserBody.parse({ disabled: true }), { disabled: true });
  t.false(ChangeUserBody.safeParse({}).success);
  t.false(ChangeUserBody.safeParse({ disabled: 'yes' }).success);
  t.false(ChangeUserBody.safeParse({ passwordHash: 'x' }).success);
  t.false(ChangeUserBody.safeParse({ tenant: 'Not A Slug' }).success);
});

test('given a password reset, when parsed, then it is a password or generate: true, not both and not neither', (t) => {
  t.deepEqual(PasswordResetBody.parse({ password: 'correct horse battery' }), { password: 'correct horse battery' });
  t.deepEqual(PasswordResetBody.parse({ generate: true }), { generate: true });
  for (const bad of [{}, { generate: false }, { password: 'x', generate: true }, { password: 12 }]) t.false(PasswordResetBody.safeParse(bad).success, JSON.stringify(bad));
});

test('given a new token, when parsed, then name and role are needed and the agent is an agent login', (t) => {
  t.deepEqual(CreateTokenBody.parse({ name: ' export ', role: 'supervisor' }), { name: 'export', role: 'supervisor' });
  t.false(CreateTokenBody.safeParse({ name: 'x', role: 'agent', agent: '1' }).success);
  t.false(CreateTokenBody.safeParse({ name: 'x', role: 'supervisor', secret: 'mine' }).success);
});

test('given ids in the URL, when parsed, then only positive whole numbers pass', (t) => {
  t.deepEqual(UserParams.parse({ tenant: 'habitat', userId: '42' }), { userId: 42 });
  for (const bad of ['0', '-1', '1.5', 'abc', '12345678901', '']) t.false(UserParams.safeParse({ userId: bad }).success, bad);
});

test('given audit queries, when parsed, then instants need their offset, limit is 1 to 500 (100 by default) and from precedes to', (t) => {
  t.deepEqual(AuditQueryParams.parse({}), { limit: 100 });
  t.deepEqual(AuditQueryParams.parse({ from: '2026-12-01T00:00:00+01:00', type: 'user.', userId: '7', limit: '500', before: '99' }), {
    from: new Date('2026-11-30T23:00:00.000Z'), type: 'user.', userId: 7, limit: 500, before: 99,
  });
  for (const bad of [
    { from: '2026-12-01T00:00:00' }, { to: '2026-12-01' }, { limit: '501' }, { limit: '0' }, { limit: 'all' },
    { type: 'User.%' }, { before: 'x' }, { tenant: 'habitat' },
    { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  ]) t.false(AuditQueryParams.safeParse(bad).success, JSON.stringify(bad));
});

test('given a type prefix with LIKE wildcards, when made a pattern, then they match themselves only', (t) => {
  t.is(likePrefix('second_factor.'), 'second\\_factor.%');
  t.is(likePrefix('a%b\\'), 'a\\%b\\\\%');
});
