// One uploaded version of a tenant's prompt (name + language), converted to 8 kHz mono 16-bit
// WAV at `path`. At most one version per prompt is active (the database enforces it through
// the generated column active_slot, which this model leaves alone).
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import type { ApiToken } from './api-token.js';
import type { Language, Tenant } from './tenant.js';

export const PROMPT_FORMATS = ['wav', 'mp3', 'ogg'] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];
export const PROMPT_LANGUAGES: readonly Language[] = ['fr', 'ar', 'en'];
/** A prompt's name: lower-case, starts with a letter, 2 to 48 characters. */
export const PROMPT_NAME_RE = /^[a-z][a-z0-9_-]{1,47}$/;

export class PromptVersion extends Model<InferAttributes<PromptVersion>, InferCreationAttributes<PromptVersion>> {
  declare id: CreationOptional<number>;
  declare tenantId: ForeignKey<Tenant['id']>;
  declare name: string;
  declare language: Language;
  /** 1, 2, 3… per tenant + name + language. */
  declare version: number;
  /** What the tenant uploaded; the stored file is always WAV. */
  declare originalFormat: PromptFormat;
  declare durationMs: number;
  /** Size and hex SHA-256 of the stored (converted) file. */
  declare sizeBytes: number;
  declare sha256: string;
  declare path: string;
  declare active: CreationOptional<boolean>;
  /** The API token or the user who uploaded it (one of the two). */
  declare createdByTokenId: ForeignKey<ApiToken['id']> | null;
  declare createdByUserId: number | null;
  declare createdAt: CreationOptional<Date>;

  declare tenant?: NonAttribute<Tenant>;
}

/** Binds a fresh subclass of PromptVersion to this Sequelize instance (see models/index.ts). */
export function definePromptVersion(sequelize: Sequelize): typeof PromptVersion {
  const M = class extends PromptVersion {};
  M.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(48), allowNull: false, validate: { is: PROMPT_NAME_RE } },
      language: { type: DataTypes.ENUM(...PROMPT_LANGUAGES), allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      originalFormat: { type: DataTypes.ENUM(...PROMPT_FORMATS), allowNull: false },
      durationMs: { type: DataTypes.INTEGER, allowNull: false },
      sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.CHAR(64), allowNull: false, validate: { is: /^[0-9a-f]{64}$/ } },
      path: { type: DataTypes.STRING(1024), allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdByTokenId: { type: DataTypes.INTEGER, allowNull: true },
      createdByUserId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, modelName: 'PromptVersion', tableName: 'prompt_versions', underscored: true, updatedAt: false },
  );
  return M;
}
