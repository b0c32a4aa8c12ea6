// The public listener's certificate and key: the PEM files the configuration names (web.certFile,
// web.keyFile), or else a self-signed pair made with the openssl command on first start and kept
// in web.tlsDir, so later starts reuse it (and browsers that accepted it keep doing so). A kept
// pair is made again when it no longer names the configured host, is damaged or has less than
// 30 days left. The generated certificate names web.publicName, localhost and 127.0.0.1.
// Whatever an operator can fix (a file missing, unreadable, not PEM, a key that is not the
// certificate's, no openssl) is a WebSetupError naming the setting and the file.
import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../log/logger.js';
import { WebSetupError } from './setup-error.js';

export interface TlsSettings {
  /** The name browsers use; the generated certificate's subject. */
  publicName: string;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** Where the generated pair is kept (the app's user must be able to write it). */
  tlsDir: string;
}

export interface TlsMaterial {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export const GENERATED_CERT = 'self-signed.crt';
export const GENERATED_KEY = 'self-signed.key';
const VALID_DAYS = 825;
const RENEW_BEFORE_MS = 30 * 24 * 3_600_000;
const run = promisify(execFile);

/** The names the generated certificate holds: the public name first, then the loopback ones. */
export function certificateNames(publicName: string): string[] {
  return [...new Set([publicName, 'localhost', '127.0.0.1'])];
}

export async function loadTls(settings: TlsSettings, log: Logger): Promise<TlsMaterial> {
  if (settings.certFile && settings.keyFile) return configured(settings.certFile, settings.keyFile, settings.publicName, log);
  return selfSigned(settings, log);
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

async function readPem(setting: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new WebSetupError(`${setting} ${file}: cannot be read (${errorCode(err)})`);
  }
}

/** The certificate when the key is its own; a WebSetupError naming the file otherwise. */
function checkPair(cert: string, key: string, certLabel: string, keyLabel: string): X509Certificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new WebSetupError(`${certLabel}: holds no PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new WebSetupError(`${keyLabel}: holds no PEM private key (or an encrypted one)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new WebSetupError(`${keyLabel} is not the key of the certificate in ${certLabel}`);
  return x509;
}

/** Why the certificate will not do for these names now: expiring, or a name it lacks; '' if it will. */
function shortcoming(x509: X509Certificate, names: readonly string[], now: number): string {
  const end = Date.parse(x509.validTo);
  if (end <= now) return `it expired on ${x509.validTo}`;
  if (end - now < RENEW_BEFORE_MS) return `it expires on ${x509.validTo}`;
  const missing = names.filter((n) => (isIP(n) ? x509.checkIP(n) : x509.checkHost(n)) === undefined);
  return missing.length ? `it does not name ${missing.join(', ')}` : '';
}

async function configured(certFile: string, keyFile: string, publicName: string, log: Logger): Promise<TlsMaterial> {
  const cert = await readPem('web.certFile', certFile);
  const key = await readPem('web.keyFile', keyFile);
  const x509 = checkPair(cert, key, `web.certFile ${certFile}`, `web.keyFile ${keyFile}`);
  // Served all the same: browsers will complain, but the API and the calls are not held up.
  const problem = shortcoming(x509, [publicName], Date.now());
  if (problem) log.warn({ certFile, publicName }, `the configured TLS certificate will be refused by browsers: ${problem}`);
  return { cert, key, certFile, keyFile };
}

/** The kept pair if it will do, else why it must be made (again). */
async function kept(dir: string, certFile: string, keyFile: string, names: readonly string[]): Promise<TlsMaterial | string> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none was made yet';
    throw new WebSetupError(`web.tlsDir ${dir}: cannot be read (${code})`);
  }
  try {
    const problem = shortcoming(checkPair(cert, key, certFile, keyFile), names, Date.now());
    return problem || { cert, key, certFile, keyFile };
  } catch (err) {
    if (err instanceof WebSetupError) return err.message;
    throw err;
  }
}

function opensslConfig(names: readonly string[]): string {
  const alt = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(', ');
  return [
    '[req]', 'prompt = no', 'distinguished_name = subject', 'x509_extensions = server',
    '[subject]', `CN = ${names[0]}`,
    '[server]', 'basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth', 'subjectKeyIdentifier = hash', `subjectAltName = ${alt}`, '',
  ].join('\n');
}

/** Makes the pair under temporary names, then renames it into place (key first). */
async function generate(dir: string, certFile: string, keyFile: string, names: readonly string[]): Promise<void> {
  const config = join(dir, '.openssl.cnf');
  const keyNew = `${keyFile}.new`;
  const certNew = `${certFile}.new`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(config, opensslConfig(names), { mode: 0o600 });
  } catch (err) {
    throw new WebSetupError(`web.tlsDir ${dir}: cannot be written (${errorCode(err)})`);
  }
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', String(VALID_DAYS),
      '-config', config, '-keyout', keyNew, '-out', certNew,
    ]);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') {
      throw new WebSetupError('no openssl command to make a self-signed certificate (install Debian\'s openssl package), or set web.certFile and web.keyFile');
    }
    const stderr = String((err as { stderr?: unknown }).stderr ?? err).trim().split('\n').pop();
    throw new WebSetupError(`openssl could not make a self-signed certificate in web.tlsDir ${dir}: ${stderr}`);
  } finally {
    await rm(config, { force: true });
  }
  await chmod(keyNew, 0o600);
  await rename(keyNew, keyFile);
  await rename(certNew, certFile);
}

async function selfSigned(settings: TlsSettings, log: Logger): Promise<TlsMaterial> {
  const certFile = join(settings.tlsDir, GENERATED_CERT);
  const keyFile = join(settings.tlsDir, GENERATED_KEY);
  const names = certificateNames(settings.publicName);
  const found = await kept(settings.tlsDir, certFile, keyFile, names);
  if (typeof found !== 'string') return found;
  await generate(settings.tlsDir, certFile, keyFile, names);
  log.info({ certFile, names, reason: found }, 'made a self-signed TLS certificate');
  const cert = await readPem('web.tlsDir', certFile);
  const key = await readPem('web.tlsDir', keyFile);
  checkPair(cert, key, certFile, keyFile);
  return { cert, key, certFile, keyFile };
}
