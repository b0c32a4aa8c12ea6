// Queue and agent settings as configuration files give them: validated with zod, defaults filled
// in, so the core receives complete QueueConfig and AgentConfig objects. The tenant schema
// (pbx-config/schema/tenant.ts) can embed these shapes.
import { z } from 'zod';
import type { AgentConfig, QueueConfig } from './types.js';

const id = z.string().min(1).max(64);
const ms = z.number().int().min(0);

export const SkillSchema = z.object({
  name: id,
  value: z.string().min(1).max(64),
  minLevel: z.number().int().min(1).max(10).optional(),
});

export const OverflowTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), id }),
  /** Another site's number or an external one (the client's own DID): E.164 with or without +. */
  z.object({ kind: z.literal('number'), number: z.string().regex(/^\+?[0-9]{3,15}$/) }),
]);

export const QueueConfigSchema = z.object({
  id,
  tenant: id,
  line: id,
  skills: z.array(SkillSchema).default([]),
  ringTimeoutMs: ms.min(1_000).default(15_000),
  wrapUpMs: ms.default(10_000),
  overflowAfterMs: ms.min(1).default(90_000),
  overflowTarget: OverflowTargetSchema.optional(),
  serviceLevelMs: ms.default(20_000),
  announceEveryMs: ms.default(30_000),
  callbackKey: z.string().regex(/^[0-9*#]$/).optional(),
  languageSkill: id.optional(),
  defaultHandleMs: ms.min(1).default(150_000),
  overflowBoost: z.number().int().min(0).default(10),
  callbackBoost: z.number().int().min(0).default(10),
  callbackAttempts: z.number().int().min(1).max(10).default(3),
  callbackRetryMs: ms.min(1_000).default(120_000),
});

export const AgentConfigSchema = z.object({
  id,
  tenant: id,
  skills: z.array(z.object({ name: id, value: z.string().min(1).max(64), level: z.number().int().min(1).max(10) })).default([]),
});

/** A complete queue configuration from the fields given, the rest defaulted; throws a ZodError on bad values. */
export function queueConfig(input: z.input<typeof QueueConfigSchema>): QueueConfig {
  return QueueConfigSchema.parse(input);
}

export function agentConfig(input: z.input<typeof AgentConfigSchema>): AgentConfig {
  return AgentConfigSchema.parse(input);
}
