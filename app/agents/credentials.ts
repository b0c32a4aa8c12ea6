// SIP credentials for an agent's desk phone: a user name derived from the tenant and the login
// (readable on the phone's screen, unique across tenants), a random password given once, and
// the digest hash PJSIP checks (RFC 2617 HA1 = MD5(user:realm:password)). Only the hash is kept.
import { createHash, randomBytes } from 'node:crypto';

/** PJSIP's default realm (pjsip.conf global default_realm is left as is). */
export const SIP_REALM = 'asterisk';

export function sipUsernameFor(tenant: string, login: string): string {
  return `${tenant}-${login}`;
}

/** 24 characters from [A-Za-z0-9]: about 143 bits, easy to type on a phone's keypad menu. */
export function newSipPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(48);
  let out = '';
  for (const b of bytes) {
    if (b >= 228) continue; // 228 = 4 x 57: keeps the draw uniform
    out += alphabet[b % alphabet.length];
    if (out.length === 24) return out;
  }
  return out + newSipPassword().slice(0, 24 - out.length);
}

export function sipHa1(username: string, password: string, realm = SIP_REALM): string {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
}
