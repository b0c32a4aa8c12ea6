// Tenant prompts: upload (checked and converted by prepare.ts, then a new version in one
// transaction, with its file moved into place before the commit), list, activate, read back.
// The resolver is told about every activation once it is committed.
import { readFile } from 'node:fs/promises';
import type { Sequelize, Transaction } from 'sequelize';
import type { Language, Models, PromptVersion } from '../../db/models/index.js';
import type { Author } from '../auth/credentials.js';
import type { TenantRef } from '../auth/tenant-access.js';
import type { Logger } from '../log/logger.js';
import { versionNotFound } from './errors.js';
import { discardLogging, preparePrompt, type PromptLimits } from './prepare.js';
import type { ActivePrompt, PromptResolver } from './resolver.js';
import type { Converter } from './sox.js';
import type { PromptStorage } from './storage.js';

export interface PromptServiceDeps {
  sequelize: Sequelize;
  models: Pick<Models, 'PromptVersion' | 'Tenant'>;
  storage: PromptStorage;
  convert: Converter;
  resolver: PromptResolver;
  limits: PromptLimits;
  log: Logger;
}

export interface PromptKey {
  tenant: TenantRef;
  name: string;
  language: Language;
}

export interface UploadInput extends PromptKey {
  contentType: string | undefined;
  body: Buffer;
  activate: boolean;
  author: Author;
}

export class PromptService {
  constructor(private readonly deps: PromptServiceDeps) {}

  async upload(input: UploadInput): Promise<PromptVersion> {
    const { sequelize, models, storage, log } = this.deps;
    const { tenant, name, language } = input;
    const prepared = await preparePrompt(tenant.slug, input.contentType, input.body, this.deps);
    let placed: string | undefined;
    try {
      const row = await sequelize.transaction(async (transaction) => {
        // One writer per tenant at a time: version numbers and the active flag stay consistent.
        await models.Tenant.findByPk(tenant.id, { lock: transaction.LOCK.UPDATE, transaction });
        const where = { tenantId: tenant.id, name, language };
        const last = await models.PromptVersion.max<number | null, PromptVersion>('version', { where, transaction });
        const version = (last ?? 0) + 1;
        const path = storage.finalPath(tenant.slug, name, language, version);
        if (input.activate) await this.deactivate(where, transaction);
        const created = await models.PromptVersion.create({
          ...where, version, originalFormat: prepared.format, durationMs: prepared.durationMs, sizeBytes: prepared.sizeBytes,
          sha256: prepared.sha256, path, active: input.activate, createdByTokenId: input.author.tokenId, createdByUserId: input.author.userId,
        }, { transaction });
        await storage.place(prepared.file, path);
        placed = path;
        return created;
      });
      if (input.activate) this.deps.resolver.setActive(tenant.slug, name, language, row.version);
      log.info({ tenant: tenant.slug, prompt: name, language, version: row.version, active: row.active }, 'prompt uploaded');
      return row;
    } catch (err) {
      const file = placed;
      if (file) await discardLogging(() => storage.remove(file), log, tenant.slug);
      throw err;
    } finally {
      await discardLogging(prepared.discard, log, tenant.slug);
    }
  }

  async list(tenant: TenantRef): Promise<PromptVersion[]> {
    return this.deps.models.PromptVersion.findAll({
      where: { tenantId: tenant.id },
      order: [['name', 'ASC'], ['language', 'ASC'], ['version', 'ASC']],
    });
  }

  async activate(key: PromptKey, version: number): Promise<PromptVersion> {
    const { sequelize, models } = this.deps;
    const { tenant, name, language } = key;
    const row = await sequelize.transaction(async (transaction) => {
      await models.Tenant.findByPk(tenant.id, { lock: transaction.LOCK.UPDATE, transaction });
      const where = { tenantId: tenant.id, name, language };
      const target = await models.PromptVersion.findOne({ where: { ...where, version }, transaction });
      if (!target) throw versionNotFound(name, language, version);
      if (!target.active) {
        await this.deactivate(where, transaction);
        await target.update({ active: true }, { transaction });
      }
      return target;
    });
    this.deps.resolver.setActive(tenant.slug, name, language, row.version);
    this.deps.log.info({ tenant: tenant.slug, prompt: name, language, version }, 'prompt version activated');
    return row;
  }

  /** The converted WAV of one version. */
  async audio(key: PromptKey, version: number): Promise<{ row: PromptVersion; wav: Buffer }> {
    const { tenant, name, language } = key;
    const row = await this.deps.models.PromptVersion.findOne({ where: { tenantId: tenant.id, name, language, version } });
    if (!row) throw versionNotFound(name, language, version);
    return { row, wav: await readFile(row.path) };
  }

  /** Every active version, for the resolver. */
  async loadActive(): Promise<ActivePrompt[]> {
    const rows = await this.deps.models.PromptVersion.findAll({
      where: { active: true },
      include: [{ model: this.deps.models.Tenant, as: 'tenant', attributes: ['slug'] }],
    });
    return rows.flatMap((r) => (r.tenant ? [{ tenant: r.tenant.slug, name: r.name, language: r.language, version: r.version }] : []));
  }

  private async deactivate(where: { tenantId: number; name: string; language: Language }, transaction: Transaction): Promise<void> {
    await this.deps.models.PromptVersion.update({ active: false }, { where: { ...where, active: true }, transaction });
  }
}
