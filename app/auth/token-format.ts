// What a token looks like and how it is stored: `ccapp_` + 43 characters of base64url of 32
// random bytes; the database keeps only its SHA-256 (hex).
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'ccapp_';
export const TOKEN_RE = /^ccapp_[A-Za-z0-9_-]{43}$/;

export function generateToken(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(32);
  if (bytes.length !== 32) throw new RangeError('a token needs 32 random bytes');
  return `${TOKEN_PREFIX}${bytes.toString('base64url')}`;
}

export function isWellFormedToken(value: string): boolean {
  return TOKEN_RE.test(value);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type BearerResult = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/** Reads `Authorization: Bearer <token>`; the token must also have our format. */
export function readBearer(header: string | undefined): BearerResult {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const token = match?.[1];
  if (token === undefined || !isWellFormedToken(token)) return { kind: 'malformed' };
  return { kind: 'token', token };
}
