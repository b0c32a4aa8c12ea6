// Recovery codes: ten per enrolment, 10 characters each from an alphabet without look-alikes
// (shown as xxxxx-xxxxx), only their SHA-256 kept; typed with or without the dash, any case.
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The stored form of a code as typed, or undefined when it cannot be one. */
export function recoveryCodeHash(typed: string): string | undefined {
  const canonical = typed.trim().toLowerCase().replace(/[\s-]/g, '');
  if (!/^[a-z0-9]{10}$/.test(canonical)) return undefined;
  return createHash('sha256').update(canonical).digest('hex');
}
