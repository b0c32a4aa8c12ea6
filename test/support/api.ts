// The app's HTTP API as a client with a token sees it; tokens are made with the appliance's CLI,
// as an administrator would.
import { APP_URL, inChroot } from './appliance.js';

/** A token made by the CLI; an `agent` token names its agent's login (`{ agent: login }`). */
export async function createToken(tenant: string, role: string, name = 'integration tests', opts: { agent?: string } = {}): Promise<string> {
  const agent = opts.agent === undefined ? [] : ['--agent', opts.agent];
  const run = await inChroot(['/usr/bin/node', '/opt/ccapp/dist/app/cli.js', 'token', 'create', '--tenant', tenant, '--role', role, ...agent, '--name', name]);
  if (run.code !== 0) throw new Error(`token create failed (${run.code}): ${run.stderr}`);
  return run.stdout.trim();
}

export async function api(token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${APP_URL}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}
