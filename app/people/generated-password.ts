// Passwords the app makes for a person (a new user, an administrator's reset): 20 random
// characters from an alphabet without look-alikes, in four groups (xxxxx-xxxxx-xxxxx-xxxxx) so
// they can be read out and typed; always within the policy of app/auth/passwords.ts. Shown once.
import { randomInt } from 'node:crypto';
import { passwordProblem } from '../auth/passwords.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(random: (max: number) => number = randomInt): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[random(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    // 20 draws from 55 characters nearly always pass; a degenerate draw is simply made again.
    if (passwordProblem(password) === undefined) return password;
  }
}
