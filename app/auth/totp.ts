// The TOTP second factor (RFC 6238: 6 digits, 30 s steps, SHA-1, as every authenticator app
// reads it), with otplib. A code is accepted one step either side of now; a code of a step at or
// before the last one accepted is a replay. Secrets are sealed with AES-256-GCM under the site's
// key before they reach MariaDB.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

export type TotpCheck = { result: 'ok'; step: number } | { result: 'bad' } | { result: 'replayed' };

export const newTotpSecret = (): string => generateSecret();

export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ secret, issuer, label: account });
}

export async function checkTotp(secret: string, code: string, lastStep: number | null, now: Date): Promise<TotpCheck> {
  if (!/^[0-9]{6}$/.test(code)) return { result: 'bad' };
  const r = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  if (!r.valid || !('timeStep' in r)) return { result: 'bad' };
  if (lastStep !== null && r.timeStep <= lastStep) return { result: 'replayed' };
  return { result: 'ok', step: r.timeStep };
}

/** Seals and opens secrets with a key derived from the site's `authKey`. */
export class SecretBox {
  private readonly key: Buffer;

  constructor(authKey: string) {
    this.key = createHash('sha256').update(`ccapp totp sealing\0${authKey}`).digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !body || !tag) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
