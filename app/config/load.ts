// One typed configuration for the whole app: defaults, then the files under the config dir
// (/etc/ccapp: ccapp.json, secrets.json, site.json, tenants/*.json), then CCAPP_* environment
// variables. Loading collects every problem, each naming its file and field, so a broken
// configuration stops start-up with the whole list at once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { loadSiteAndTenants } from '../../pbx-config/load.js';
import type { Site } from '../../pbx-config/schema/site.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { hasBuiltinPrompt } from '../../ivr/prompts/catalogue.js';
import { tenantFlowProblems } from '../../ivr/flow/check-tenant.js';
import { applyEnv } from './env.js';
import { type AppSettings, AppSettingsSchema, type Secrets, SecretsSchema } from './schema.js';

export const DEFAULT_CONFIG_DIR = '/etc/ccapp';

export interface Config extends AppSettings {
  configDir: string;
  secrets: Secrets;
  site: Site;
  tenants: Tenant[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

async function readJson(dir: string, file: string, problems: string[], optional: boolean): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!(optional && code === 'ENOENT')) problems.push(`${file}: cannot be read (${code ?? String(err)})`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`${file}: must hold a JSON object`);
  } catch (err) {
    problems.push(`${file}: invalid JSON (${(err as Error).message})`);
  }
  return {};
}

export function issuesOf(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<ConfigResult> {
  const configDir = env.CCAPP_CONFIG_DIR || DEFAULT_CONFIG_DIR;
  const problems: string[] = [];
  const settingsRaw = await readJson(configDir, 'ccapp.json', problems, true);
  const secretsRaw = await readJson(configDir, 'secrets.json', problems, !!(env.CCAPP_DB_PASSWORD && env.CCAPP_ARI_PASSWORD));
  applyEnv(settingsRaw, secretsRaw, env);
  const settings = AppSettingsSchema.safeParse(settingsRaw);
  if (!settings.success) problems.push(...issuesOf('ccapp.json', settings.error));
  const secrets = SecretsSchema.safeParse(secretsRaw);
  if (!secrets.success) problems.push(...issuesOf('secrets.json', secrets.error));
  const pbx = await loadSiteAndTenants(configDir);
  if (!pbx.ok) problems.push(...pbx.problems);
  else for (const t of pbx.tenants) problems.push(...tenantFlowProblems(t, hasBuiltinPrompt).map((p) => `tenants/${t.slug}.json: flows: ${p}`));
  if (problems.length || !settings.success || !secrets.success || !pbx.ok) return { ok: false, problems };
  return { ok: true, config: { ...settings.data, configDir, secrets: secrets.data, site: pbx.site, tenants: pbx.tenants } };
}

/** For entry points: the config, or the list of problems on stderr and exit status 78 (EX_CONFIG). */
export async function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const result = await loadConfig(env);
  if (result.ok) return result.config;
  process.stderr.write(`ccapp: configuration refused, ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(78);
}
