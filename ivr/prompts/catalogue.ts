// The appliance's own prompts (builtin.json), in French, Arabic and English. The ccapp_prompts
// Ansible role speaks each one into <sounds>/builtin/<language>/<name>.wav when the image is
// built; flows may name them like a tenant's own prompts. The file is checked when this module
// loads, so a broken catalogue stops the app at start-up.
import { z } from 'zod';
import { LanguageSchema, type Language } from '../../pbx-config/schema/tenant.js';
import builtin from './builtin.json' with { type: 'json' };

/** The prompts the appliance must always have; builtin.json may hold more. */
export const REQUIRED_BUILTIN_PROMPTS = [
  'recording-notice', 'invalid-key', 'no-input', 'goodbye', 'please-hold', 'transfer', 'closed',
  'astreinte-emergency-only', 'non-technical-redirect', 'language-menu', 'callback-offer',
  'callback-confirmed', 'queue-position', 'expected-wait',
] as const;
export type RequiredBuiltinPrompt = (typeof REQUIRED_BUILTIN_PROMPTS)[number];

const text = z.string().trim().min(1).max(400);

export const BuiltinPromptSchema = z.object({
  /** When the prompt plays, for whoever translates or records it. */
  use: z.string().min(1),
  fr: text,
  ar: text,
  en: text,
  /** Spoken as these languages' texts in a row (each with its own voice), one sound for all languages. */
  combine: z.array(LanguageSchema).min(2).optional(),
}).strict();
export type BuiltinPrompt = z.infer<typeof BuiltinPromptSchema>;

export const BuiltinCatalogueSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]{1,47}$/, 'a prompt name'),
  BuiltinPromptSchema,
).superRefine((catalogue, ctx) => {
  for (const name of REQUIRED_BUILTIN_PROMPTS) {
    if (!catalogue[name]) ctx.addIssue({ code: 'custom', path: [name], message: `missing built-in prompt "${name}"` });
  }
});

export const BUILTIN_PROMPTS: Readonly<Record<string, BuiltinPrompt>> = BuiltinCatalogueSchema.parse(builtin);
export const BUILTIN_PROMPT_NAMES: readonly string[] = Object.keys(BUILTIN_PROMPTS).sort();

/** Every built-in prompt exists in every language (a combined one is the same sound in each). */
export function hasBuiltinPrompt(name: string, language: Language): boolean {
  return Object.hasOwn(BUILTIN_PROMPTS, name) && LanguageSchema.options.includes(language);
}

/** The text a language's sound of `name` is spoken from, parts joined for a combined prompt. */
export function builtinPromptText(name: string, language: Language): string | undefined {
  const prompt = Object.hasOwn(BUILTIN_PROMPTS, name) ? BUILTIN_PROMPTS[name] : undefined;
  if (!prompt) return undefined;
  return prompt.combine ? prompt.combine.map((l) => prompt[l]).join(' ') : prompt[language];
}
