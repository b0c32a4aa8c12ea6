// What the API shows of prompt versions: never the model, never the file's path on disk.
import type { Language, PromptVersion } from '../../db/models/index.js';

export interface PromptVersionView {
  name: string;
  language: Language;
  version: number;
  active: boolean;
  originalFormat: string;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  createdByTokenId: number | null;
  createdByUserId: number | null;
  /** Where to listen to it (the converted WAV). */
  audio: string;
}

export interface PromptView {
  name: string;
  language: Language;
  activeVersion: number | null;
  versions: PromptVersionView[];
}

const base = (tenant: string, name: string, language: string): string =>
  `/api/tenants/${tenant}/prompts/${name}/${language}`;

export function presentVersion(tenant: string, v: PromptVersion): PromptVersionView {
  return {
    name: v.name,
    language: v.language,
    version: v.version,
    active: v.active,
    originalFormat: v.originalFormat,
    durationMs: v.durationMs,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    createdAt: v.createdAt.toISOString(),
    createdByTokenId: v.createdByTokenId,
    createdByUserId: v.createdByUserId,
    audio: `${base(tenant, v.name, v.language)}/versions/${v.version}/audio`,
  };
}

/** Versions grouped per prompt (name + language), in the order given. */
export function presentPrompts(tenant: string, versions: readonly PromptVersion[]): { prompts: PromptView[] } {
  const byPrompt = new Map<string, PromptView>();
  for (const v of versions) {
    const k = `${v.name}/${v.language}`;
    let view = byPrompt.get(k);
    if (!view) {
      view = { name: v.name, language: v.language, activeVersion: null, versions: [] };
      byPrompt.set(k, view);
    }
    view.versions.push(presentVersion(tenant, v));
    if (v.active) view.activeVersion = v.version;
  }
  return { prompts: [...byPrompt.values()] };
}
