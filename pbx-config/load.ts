// Reads site.json and tenants/*.json from a config directory and validates them. Every problem is
// collected (not only the first) and names its file and field path, for example
// "tenants/habitat.json: numbers.0.did: must be an E.164 number ...".
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { type Site, SiteSchema } from './schema/site.js';
import { crossTenantIssues, type Tenant, TenantSchema } from './schema/tenant.js';

export type LoadResult = { ok: true; site: Site; tenants: Tenant[] } | { ok: false; problems: string[] };

export const SITE_FILE = 'site.json';
export const TENANTS_DIR = 'tenants';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(root)';
}

/** "at position 12" in a JSON.parse message, turned into a line and column of the text. */
function where(text: string, message: string): string {
  const pos = /at position (\d+)/.exec(message)?.[1];
  if (pos === undefined || /line \d+ column \d+/.test(message)) return '';
  const before = text.slice(0, Number(pos)).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** The parsed JSON of `dir/file`, or undefined with a problem recorded. */
async function readJson(dir: string, file: string, problems: string[]): Promise<unknown> {
  let text: string;
  try {
    text = (await readFile(join(dir, file), 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    problems.push(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    problems.push(`${file}: invalid JSON (${message})${where(text, message)}`);
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, file: string, value: unknown, problems: string[]): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(...parsed.error.issues.map((i) => `${file}: ${fieldPath(i.path)}: ${i.message}`));
  return undefined;
}

/** The tenant file names (tenants/*.json), sorted; none if the folder does not exist. */
async function tenantFiles(dir: string, problems: string[]): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, TENANTS_DIR), { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => `${TENANTS_DIR}/${e.name}`).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${TENANTS_DIR}/: cannot be read (${code ?? String(err)})`);
    return [];
  }
}

export async function loadSiteAndTenants(dir: string): Promise<LoadResult> {
  const problems: string[] = [];
  const siteJson = await readJson(dir, SITE_FILE, problems);
  const site = siteJson === undefined ? undefined : validate(SiteSchema, SITE_FILE, siteJson, problems);

  const valid: { file: string; tenant: Tenant }[] = [];
  for (const file of await tenantFiles(dir, problems)) {
    const json = await readJson(dir, file, problems);
    const tenant = json === undefined ? undefined : validate(TenantSchema, file, json, problems);
    if (tenant) valid.push({ file, tenant });
  }
  // Checks across tenants, among those that are valid on their own.
  for (const issue of crossTenantIssues(valid.map((v) => v.tenant))) {
    problems.push(`${valid[issue.tenant]?.file ?? TENANTS_DIR}: ${fieldPath(issue.path.slice(1))}: ${issue.message}`);
  }

  if (problems.length || !site) return { ok: false, problems };
  return { ok: true, site, tenants: valid.map((v) => v.tenant) };
}
