// Request schemas of the prompts API; each gives its handler the parsed type.
import { z } from 'zod';
import { PROMPT_NAME_RE } from '../../db/models/index.js';
import type { Role } from '../auth/roles.js';

/** Who may change prompts, and who may list and listen to them. Agents may do neither. */
export const PROMPT_EDITORS: readonly Role[] = ['operator_admin', 'tenant_admin'];
export const PROMPT_LISTENERS: readonly Role[] = ['operator_admin', 'tenant_admin', 'supervisor', 'client_viewer'];

const name = z.string().regex(PROMPT_NAME_RE, 'lower-case letters, digits, - or _, starting with a letter, 2 to 48 characters');
const language = z.enum(['fr', 'ar', 'en']);
const version = z.string().regex(/^[1-9][0-9]{0,8}$/, 'a version number: 1, 2, 3…').transform(Number);

export const TenantParams = z.object({ tenant: z.string() });
export const PromptParams = z.object({ tenant: z.string(), name, language });
export const VersionParams = PromptParams.extend({ version });

export const UploadRequest = z.object({
  params: PromptParams,
  query: z.object({
    activate: z.enum(['true', 'false'], { error: 'true or false' }).default('true').transform((v) => v === 'true'),
  }).strict(),
});

export const VersionRequest = z.object({ params: VersionParams });
