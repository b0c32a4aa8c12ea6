// Passwords: argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane), a length policy, and a
// verification that costs the same whether the login exists or not, so timing tells nothing.
import { Algorithm, hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Why a new password is refused, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `at most ${PASSWORD_MAX} characters`;
  if (new Set(password).size < 5) return 'at least 5 different characters';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let decoy: Promise<string> | undefined;

/** True when `password` matches `stored`; with no stored hash, spends the same time and says no. */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  if (stored === undefined) {
    decoy ??= hashPassword('decoy password for unknown logins');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}
