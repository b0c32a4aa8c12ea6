// Test inputs: the demo site and tenants shipped in appliance/demo, copied into a temp dir or
// loaded as objects, so each test can break one thing and look at the result.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Site, SiteSchema } from '../schema/site.js';
import { type Tenant, TenantSchema } from '../schema/tenant.js';

/** The JSON shapes the schemas accept (defaults not applied yet). */
export type SiteJson = z.input<typeof SiteSchema>;
export type TenantJson = z.input<typeof TenantSchema>;

export const DEMO_DIR = fileURLToPath(new URL('../../appliance/demo/', import.meta.url));

export const PATHS = { sounds: '/var/lib/ccapp/sounds', recordings: '/var/spool/asterisk/recording' } as const;
export const ARI_PASSWORD = 'test-ari-password-0123';

export async function demoJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(DEMO_DIR, file), 'utf8')) as Record<string, unknown>;
}

export async function demoSite(): Promise<Site> {
  return SiteSchema.parse(await demoJson('site.json'));
}

export async function demoTenants(): Promise<Tenant[]> {
  return [TenantSchema.parse(await demoJson('tenants/energie.json')), TenantSchema.parse(await demoJson('tenants/habitat.json'))];
}

/** A fresh copy of the demo config dir. */
export async function demoDirCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pbx-config-'));
  await cp(DEMO_DIR, dir, { recursive: true });
  return dir;
}

/** Reads a JSON file of `dir`, lets `change` edit it, writes it back. */
export async function editJson<T>(dir: string, file: string, change: (json: T) => void): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
  change(json);
  await writeFile(join(dir, file), JSON.stringify(json, null, 2));
}
