// Which sound a tenant's prompt plays, without waiting on the database: the active uploaded
// version (kept in memory: loaded at start, updated by the upload/activate service), else the
// tenant's TTS prompt generated when the image was built, else the appliance's built-in prompt.
// Answers are Asterisk media URIs without extension (`sound:/var/lib/ccapp/sounds/...`).
import { existsSync } from 'node:fs';
import type { Language } from '../../db/models/index.js';
import { builtinPromptBase, ttsPromptBase, uploadedPromptBase } from './paths.js';

export type PromptLanguage = Language;

export interface ActivePrompt {
  tenant: string;
  name: string;
  language: PromptLanguage;
  version: number;
}

export interface PromptResolverOptions {
  soundsDir: string;
  /** Whether a generated file exists; a sync stat by default (tests pass a fake). */
  fileExists?: (path: string) => boolean;
}

const TENANT_RE = /^[a-z][a-z0-9-]{1,31}$/;
const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const LANGUAGES: readonly string[] = ['fr', 'ar', 'en'];

const key = (tenant: string, name: string, language: string): string => `${tenant}\u0000${name}\u0000${language}`;

export class PromptResolver {
  readonly #active = new Map<string, number>();
  readonly #soundsDir: string;
  readonly #exists: (path: string) => boolean;
  #revision = 0;

  constructor(opts: PromptResolverOptions) {
    this.#soundsDir = opts.soundsDir;
    this.#exists = opts.fileExists ?? existsSync;
  }

  /** The media URI to play, or undefined when the prompt resolves nowhere. */
  resolve(tenant: string, name: string, language: PromptLanguage): string | undefined {
    // Names come from flows and URLs: refuse anything that could step out of the sounds dir.
    if (!TENANT_RE.test(tenant) || !NAME_RE.test(name) || !LANGUAGES.includes(language)) return undefined;
    const version = this.#active.get(key(tenant, name, language));
    if (version !== undefined) return `sound:${uploadedPromptBase(this.#soundsDir, tenant, name, language, version)}`;
    for (const base of [ttsPromptBase(this.#soundsDir, tenant, name, language), builtinPromptBase(this.#soundsDir, name, language)]) {
      if (this.#exists(`${base}.wav`)) return `sound:${base}`;
    }
    return undefined;
  }

  has(tenant: string, name: string, language: PromptLanguage): boolean {
    return this.resolve(tenant, name, language) !== undefined;
  }

  /** The active uploaded version, if any. */
  activeVersion(tenant: string, name: string, language: PromptLanguage): number | undefined {
    return this.#active.get(key(tenant, name, language));
  }

  /** Records a newly activated version (undefined: the prompt has no active upload any more). */
  setActive(tenant: string, name: string, language: PromptLanguage, version: number | undefined): void {
    if (version === undefined) this.#active.delete(key(tenant, name, language));
    else this.#active.set(key(tenant, name, language), version);
    this.#revision += 1;
  }

  /** Replaces everything known with the database's view (at start). */
  replaceAll(prompts: readonly ActivePrompt[]): void {
    this.#active.clear();
    for (const p of prompts) this.#active.set(key(p.tenant, p.name, p.language), p.version);
    this.#revision += 1;
  }

  /** Grows with every change: a load that started before a change must not overwrite it. */
  get revision(): number {
    return this.#revision;
  }

  get size(): number {
    return this.#active.size;
  }
}
