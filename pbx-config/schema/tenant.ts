// A tenant: one client contract (the outsourcing customer) with its numbers, lines, queues,
// calendars and IVR flows. Flows are checked against the rest in ivr/flow/validate.ts.
import { z } from 'zod';
import { CalendarSchema } from '../../ivr/calendar/schema.js';
import { FlowsSchema } from '../../ivr/flow/schema.js';
import { QueueConfigSchema } from '../../app/acd/core/config.js';
import { checkNumber, rulesFor } from '../../app/dialling/policy.js';
import { DiallingPolicySchema } from '../../app/dialling/schema.js';
import { CallReasonsSchema, PauseReasonsSchema } from '../../app/panel/reasons.js';

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'lower-case letters, digits and dashes, starting with a letter');
export const LanguageSchema = z.enum(['fr', 'ar', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

export const NumberSchema = z.object({
  /** The DID (SDA) in E.164 digits, without the leading +. */
  did: z.string().regex(/^[1-9][0-9]{7,14}$/, 'must be an E.164 number: 8 to 15 digits, no leading + or 0'),
  /** The tenant's line this number reaches. */
  line: slug,
});

export const LineSchema = z.object({
  id: slug,
  label: z.string().min(1).max(80),
  /** The IVR flow a call to this line starts with. */
  flow: slug,
  /** Why people call this line, for the agent's wrap-up: families, each with its natures (app/panel/reasons.ts). */
  callReasons: CallReasonsSchema.default([]),
});

/**
 * A queue of the tenant: the ACD's queue settings (app/acd/core/config.ts: skills, ring timeout,
 * wrap-up, overflow after 90 s to another of the tenant's queues or a number, service level 20 s,
 * announcements, callback key...), with a label. `line` defaults to the tenant's first line.
 */
export const QueueSchema = QueueConfigSchema.omit({ id: true, tenant: true, line: true }).extend({
  id: slug,
  label: z.string().min(1).max(80),
  line: slug.optional(),
});

/**
 * What is recorded once a caller is bridged with an agent: `on` every call, `off` none (an IVR
 * `record` step still records), `opt_out` every call unless the agent presses `optOutKey`.
 */
export const RecordingPolicySchema = z.object({
  policy: z.enum(['on', 'off', 'opt_out']).default('on'),
  optOutKey: z.string().regex(/^[0-9*#]$/).default('*'),
});

/** A text that TTS turns into a built-in prompt, per language. */
export const PromptTextSchema = z.partialRecord(LanguageSchema, z.string().min(1).max(1000));

export const TenantSchema = z.object({
  slug,
  name: z.string().min(1).max(120),
  country: z.enum(['FR', 'MA']),
  timezone: z.enum(['Europe/Paris', 'Africa/Casablanca']),
  languages: z.array(LanguageSchema).min(1),
  lines: z.array(LineSchema).min(1),
  numbers: z.array(NumberSchema).min(1),
  prompts: z.object({ welcome: PromptTextSchema }).catchall(PromptTextSchema),
  queues: z.array(QueueSchema).default([]),
  recording: RecordingPolicySchema.default({ policy: 'on', optOutKey: '*' }),
  calendars: z.record(slug, CalendarSchema).default({}),
  flows: FlowsSchema,
  /**
   * Which numbers the appliance may dial for the tenant (callbacks, click-to-call, transfers,
   * consultations, overflow) and how many outbound legs at once (app/dialling/schema.ts). Default:
   * the tenant's own country's geographic and mobile numbers only, 10 legs at once, 2 per agent.
   */
  dialling: DiallingPolicySchema.prefault({}),
  /** The reasons an agent may give for a break (app/panel/reasons.ts); the agents API refuses any other. */
  pauseReasons: PauseReasonsSchema.default([]),
}).superRefine((t, ctx) => {
  const lineIds = new Set<string>();
  t.lines.forEach((l, i) => {
    if (lineIds.has(l.id)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'id'], message: `duplicate line id "${l.id}"` });
    lineIds.add(l.id);
  });
  t.numbers.forEach((n, i) => {
    if (!lineIds.has(n.line)) ctx.addIssue({ code: 'custom', path: ['numbers', i, 'line'], message: `unknown line "${n.line}"` });
  });
  const queueIds = new Set<string>();
  t.queues.forEach((q, i) => {
    if (queueIds.has(q.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'id'], message: `duplicate queue id "${q.id}"` });
    queueIds.add(q.id);
    if (q.line !== undefined && !lineIds.has(q.line)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'line'], message: `unknown line "${q.line}"` });
  });
  t.queues.forEach((q, i) => {
    const target = q.overflowTarget;
    if (target?.kind === 'number') {
      // The number is dialled when the queue overflows: the tenant's own policy must allow it.
      const verdict = checkNumber(rulesFor(t), target.number);
      if (!verdict.ok) ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflowTarget', 'number'], message: `the tenant's dialling policy refuses ${target.number} (${verdict.rule})` });
      return;
    }
    if (target?.kind !== 'queue') return;
    if (target.id === q.id) ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflowTarget', 'id'], message: 'a queue cannot overflow to itself' });
    else if (!queueIds.has(target.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflowTarget', 'id'], message: `unknown queue "${target.id}"` });
  });
  for (const [name, texts] of Object.entries(t.prompts)) {
    for (const lang of t.languages) {
      if (!texts[lang]) ctx.addIssue({ code: 'custom', path: ['prompts', name, lang], message: `missing text for language "${lang}"` });
    }
  }
});

export type Tenant = z.infer<typeof TenantSchema>;

/** One cross-tenant problem: `path` starts with the tenant's slug; `tenant` is its index in the list given. */
export interface CrossTenantIssue {
  path: (string | number)[];
  message: string;
  tenant: number;
}

/** Checks that spans tenants: a DID belongs to one tenant (and one number entry) only, slugs are unique. */
export function crossTenantIssues(tenants: readonly Tenant[]): CrossTenantIssue[] {
  const issues: CrossTenantIssue[] = [];
  const owners = new Map<string, string>();
  const slugs = new Set<string>();
  tenants.forEach((t, index) => {
    if (slugs.has(t.slug)) issues.push({ path: [t.slug, 'slug'], message: `duplicate tenant slug "${t.slug}"`, tenant: index });
    slugs.add(t.slug);
    t.numbers.forEach((n, i) => {
      const owner = owners.get(n.did);
      if (owner) issues.push({ path: [t.slug, 'numbers', i, 'did'], message: `DID ${n.did} is already used by tenant "${owner}"`, tenant: index });
      else owners.set(n.did, t.slug);
    });
  });
  return issues;
}
