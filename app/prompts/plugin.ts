// The prompts capability: tenants' uploaded messages (routes.ts), and the resolver that tells
// the IVR which sound a prompt plays, loaded when the server starts. The resolver is created by
// the composer and passed in, so the IVR gets the same instance; it is also exposed as
// server.plugins['ccapp-prompts'].resolver.
import type { Plugin } from '@hapi/hapi';
import type { Sequelize } from 'sequelize';
import type { Models } from '../../db/models/index.js';
import type { Logger } from '../log/logger.js';
import { MirrorLoader } from '../server/mirror-loader.js';
import type { PromptResolver } from './resolver.js';
import { promptRoutes } from './routes.js';
import { PromptService } from './service.js';
import { soxConverter, type Converter } from './sox.js';
import { PromptStorage } from './storage.js';

export interface PromptSettings {
  maxBytes: number;
  minDurationMs: number;
  maxDurationSeconds: number;
}

export interface PromptsOptions {
  sequelize: Sequelize;
  models: Pick<Models, 'PromptVersion' | 'Tenant'>;
  config: { paths: { sounds: string }; prompts: PromptSettings };
  log: Logger;
  resolver: PromptResolver;
  /** sox by default. */
  convert?: Converter;
}

declare module '@hapi/hapi' {
  interface PluginProperties {
    'ccapp-prompts': { resolver: PromptResolver; service: PromptService };
  }
}

export const promptsPlugin: Plugin<PromptsOptions> = {
  name: 'ccapp-prompts',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { sequelize, models, config, log, resolver, convert = soxConverter() }) {
    const limits = {
      maxBytes: config.prompts.maxBytes,
      minDurationMs: config.prompts.minDurationMs,
      maxDurationMs: config.prompts.maxDurationSeconds * 1000,
    };
    const service = new PromptService({ sequelize, models, storage: new PromptStorage(config.paths.sounds), convert, resolver, limits, log });
    server.route(promptRoutes({ service, maxBytes: limits.maxBytes }));

    const loader = new MirrorLoader('active prompt versions', () => service.loadActive(), resolver, log);
    server.ext('onPreStart', async () => { await loader.start(); });
    server.events.on('stop', () => loader.stop());
    server.expose('resolver', resolver);
    server.expose('service', service);
  },
};
