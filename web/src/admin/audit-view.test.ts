import test from 'ava';
import { changedFields, eventKey, readActor } from './audit-view';

test('known event types have a key of their own, others read as "other"', (t) => {
  t.is(eventKey('user.password_reset'), 'user_password_reset');
  t.is(eventKey('second_factor.reset'), 'second_factor_reset');
  t.is(eventKey('logout'), 'logout');
  t.is(eventKey('call.arrived'), 'other');
});

test('the actor is read as a user, a token or the command line, never shown raw', (t) => {
  t.deepEqual(readActor('user 7 (marie.d)'), { kind: 'user', name: 'marie.d' });
  t.deepEqual(readActor('token 3 (crm (prod))'), { kind: 'token', name: 'crm (prod)' });
  t.deepEqual(readActor('cli (root)'), { kind: 'cli' });
  t.deepEqual(readActor(null), { kind: 'none' });
  t.deepEqual(readActor('something else'), { kind: 'none' });
});

test('a change row names the fields it changed', (t) => {
  t.deepEqual(changedFields({ before: { role: 'agent' }, after: { role: 'supervisor', disabled: true } }), ['role', 'disabled']);
  t.deepEqual(changedFields({}), []);
  t.deepEqual(changedFields({ after: 'x' }), []);
});
