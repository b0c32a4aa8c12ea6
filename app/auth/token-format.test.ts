import test from 'ava';
import { generateToken, hashToken, isWellFormedToken, readBearer, TOKEN_RE } from './token-format.js';

test('given 32 random bytes, when a token is generated, then it is ccapp_ and 43 base64url characters', (t) => {
  const token = generateToken();
  t.regex(token, TOKEN_RE);
  t.is(token.length, 'ccapp_'.length + 43);
  t.not(generateToken(), token);
});

test('given fixed bytes, when a token is generated, then it is their base64url', (t) => {
  const token = generateToken(() => Buffer.alloc(32, 0xfb));
  t.is(token, `ccapp_${Buffer.alloc(32, 0xfb).toString('base64url')}`);
  t.true(token.includes('-') || token.includes('_'), 'base64url, not base64');
});

test('given a source of too few bytes, when a token is generated, then it refuses', (t) => {
  t.throws(() => generateToken(() => Buffer.alloc(16)), { instanceOf: RangeError });
});

test('given a token, when hashed, then it is the hex SHA-256 of its text', (t) => {
  t.regex(hashToken(generateToken()), /^[0-9a-f]{64}$/);
  t.is(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('given near misses, when checked, then only the exact format is well formed', (t) => {
  const good = generateToken();
  t.true(isWellFormedToken(good));
  t.false(isWellFormedToken(good.slice(0, -1)));
  t.false(isWellFormedToken(`${good}A`));
  t.false(isWellFormedToken(good.replace('ccapp_', 'ccapp-')));
  t.false(isWellFormedToken(`${good.slice(0, -1)}=`));
  t.false(isWellFormedToken(`${good.slice(0, -1)}+`));
});

test('given Authorization headers, when read, then only "Bearer <well-formed token>" gives a token', (t) => {
  const token = generateToken();
  t.deepEqual(readBearer(`Bearer ${token}`), { kind: 'token', token });
  t.deepEqual(readBearer(`bearer ${token}`), { kind: 'token', token });
  t.deepEqual(readBearer(undefined), { kind: 'missing' });
  t.deepEqual(readBearer('  '), { kind: 'missing' });
  t.deepEqual(readBearer(`Basic ${token}`), { kind: 'malformed' });
  t.deepEqual(readBearer('Bearer ccapp_short'), { kind: 'malformed' });
  t.deepEqual(readBearer(`Bearer ${token} extra`), { kind: 'malformed' });
  t.deepEqual(readBearer(token), { kind: 'malformed' });
});
