// The running appliance as tests see it from the host: paths into its root file system, its
// secrets, its HTTP API, its database, and its service control script.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import mariadb from 'mariadb';

const run = promisify(execFile);

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const STATE_DIR = process.env.CCAPP_STATE_DIR || '/var/lib/ccapp-appliance';
export const ROOTFS = join(STATE_DIR, 'rootfs');
export const APP_URL = 'http://127.0.0.1:8080';
export const ARI_URL = 'http://127.0.0.1:8088';

/** A path inside the appliance, seen from the host. */
export const inRoot = (path: string): string => join(ROOTFS, path);

export function secrets(): { dbPassword: string; ariPassword: string } {
  return JSON.parse(readFileSync(inRoot('/etc/ccapp/secrets.json'), 'utf8')) as { dbPassword: string; ariPassword: string };
}

export async function db(database = 'ccapp'): Promise<mariadb.Connection> {
  return mariadb.createConnection({ host: '127.0.0.1', port: 3306, user: 'ccapp', password: secrets().dbPassword, database, dateStrings: false });
}

/** A typed SELECT (the mariadb 2 driver returns untyped rows). */
export async function select<T>(conn: mariadb.Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await conn.query(sql, params)) as T[];
}

export async function ari<T>(path: string): Promise<T> {
  const auth = Buffer.from(`ccapp:${secrets().ariPassword}`).toString('base64');
  const res = await fetch(`${ARI_URL}/ari${path}`, { headers: { authorization: `Basic ${auth}` } });
  if (!res.ok) throw new Error(`ARI ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** appliance/bin/svc <service> <action>. */
export async function svc(service: 'app' | 'asterisk' | 'mariadb', action: 'start' | 'stop' | 'kill' | 'restart' | 'status'): Promise<string> {
  const { stdout } = await run(join(REPO, 'appliance/bin/svc'), [service, action], { env: process.env });
  return stdout;
}

/** Runs a command inside the appliance's root file system, returning its exit code and output. */
export async function inChroot(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const envArgs = Object.entries({ PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', ...env }).map(([k, v]) => `${k}=${v}`);
  try {
    const { stdout, stderr } = await run('chroot', [ROOTFS, '/usr/bin/env', '-i', ...envArgs, ...argv]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
