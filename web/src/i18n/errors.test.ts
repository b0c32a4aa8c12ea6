import test from 'ava';
import { ApiError } from '../api/client';
import { errorMessage, messageFor, retryAfter } from './errors';

test('each known id has its own message, the dialling rule is added, unknown ids get the generic one', (t) => {
  t.is(messageFor('auth.bad_credentials'), 'Identifiant ou mot de passe incorrect.');
  t.is(messageFor('dialling.refused', { rule: 'premium' }), 'Numéro refusé. Les numéros surtaxés ne sont pas autorisés.');
  t.is(messageFor('dialling.refused', { rule: 'something_new' }), 'Numéro refusé.');
  const generic = messageFor('no.such_id');
  t.is(generic, messageFor('another.unknown'));
  t.is(messageFor('auth'), generic, 'a prefix of ids is no id');
});

test('the server\'s English message and anything thrown that is not an API error are never shown', (t) => {
  const shown = errorMessage(new ApiError(500, 'internal', {}));
  t.false(shown.includes('server error'));
  t.is(errorMessage(new TypeError('x is undefined')), messageFor('no.such_id'));
});

test('the wait of a lock comes from details.retryAfterSeconds', (t) => {
  t.is(retryAfter(new ApiError(429, 'auth.locked', { retryAfterSeconds: 299 })), 299);
  t.is(retryAfter(new ApiError(429, 'auth.locked', {})), null);
  t.is(retryAfter(new Error('x')), null);
});
