// A hapi server with the errors, auth and prompts plugins on a scratch database and a temporary
// sounds directory, real sox, two tenants, and a token for each kind of caller.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Hapi from '@hapi/hapi';
import { pino } from 'pino';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AgentDirectory } from '../../app/agents/directory.js';
import { authPlugin } from '../../app/auth/plugin.js';
import { authOptionsForTests } from '../../app/auth/test-support.js';
import { createToken, revokeToken } from '../../app/auth/tokens.js';
import { AppSettingsSchema } from '../../app/config/schema.js';
import { errorsPlugin } from '../../app/errors/plugin.js';
import { promptsPlugin } from '../../app/prompts/plugin.js';
import { PromptResolver } from '../../app/prompts/resolver.js';

export const TOKEN_KINDS = [
  'operator', 'habitatAdmin', 'habitatSupervisor', 'habitatViewer', 'habitatAgent', 'energieAdmin', 'revoked',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface PromptApi {
  server: Hapi.Server;
  db: ScratchDb;
  models: Models;
  soundsDir: string;
  resolver: PromptResolver;
  tokens: Record<TokenKind, string>;
  /** Another app on the same database and sounds (a restart). */
  restart(): Promise<{ server: Hapi.Server; resolver: PromptResolver }>;
  close(): Promise<void>;
}

const log = pino({ level: 'silent' });

async function buildServer(db: ScratchDb, soundsDir: string) {
  const sequelize = db.connect();
  const models = initModels(sequelize);
  const resolver = new PromptResolver({ soundsDir });
  // The configuration's own defaults: 10 MiB, 0.3 s to 300 s.
  const config = { paths: { sounds: soundsDir }, prompts: AppSettingsSchema.parse({}).prompts };
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log } },
    { plugin: authPlugin, options: authOptionsForTests(models) },
    { plugin: promptsPlugin, options: { sequelize, models, config, log, resolver } },
  ]);
  await server.initialize();
  return { server, resolver, models };
}

export async function startPromptApi(): Promise<PromptApi> {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const soundsDir = await mkdtemp(path.join(tmpdir(), 'ccapp-sounds-'));
  const seedModels = initModels(db.sequelize);
  const habitat = await seedModels.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  await seedModels.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['ar', 'fr', 'en'] });
  // An agent token acts for one agent: habitat's agent 101.
  await new AgentDirectory(seedModels).create(habitat, { login: '101', name: 'Agent 101', skills: [] });
  const make = async (tenant: string | null, role: Parameters<typeof createToken>[1]['role'], agent?: string) =>
    (await createToken(seedModels, { tenant, role, agent, name: `${role} of ${tenant ?? 'all'}` })).token;
  const revoked = await createToken(seedModels, { tenant: 'habitat', role: 'tenant_admin', name: 'former admin' });
  await revokeToken(seedModels, revoked.id);
  const tokens: Record<TokenKind, string> = {
    operator: await make(null, 'operator_admin'),
    habitatAdmin: await make('habitat', 'tenant_admin'),
    habitatSupervisor: await make('habitat', 'supervisor'),
    habitatViewer: await make('habitat', 'client_viewer'),
    habitatAgent: await make('habitat', 'agent', '101'),
    energieAdmin: await make('energie', 'tenant_admin'),
    revoked: revoked.token,
  };
  const started = [await buildServer(db, soundsDir)];
  const first = started[0];
  if (!first) throw new Error('no server');
  return {
    ...first,
    db,
    soundsDir,
    tokens,
    async restart() {
      const again = await buildServer(db, soundsDir);
      started.push(again);
      return again;
    },
    async close() {
      await Promise.all(started.map((s) => s.server.stop()));
      await db.drop();
      await rm(soundsDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Every file under `dir`, relative, sorted (directories left out). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}
