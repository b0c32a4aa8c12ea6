// IVR flows as typed, validated data. A flow is a set of named steps; each step says what to
// play or decide and which step comes next. One engine (ivr/engine/) runs every flow.
import { z } from 'zod';

export const stepId = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'lower-case letters, digits and dashes');
const promptName = z.string().regex(/^[a-z][a-z0-9_-]{1,47}$/, 'a prompt name');
const digit = z.string().regex(/^[0-9*#]$/, 'one DTMF key: 0-9, * or #');

/** One prompt or several played in a row. */
export const PromptsSchema = z.union([promptName, z.array(promptName).min(1)]).transform((p) => (Array.isArray(p) ? p : [p]));

const retries = z.number().int().min(0).max(5).default(2);
const timeoutMs = z.number().int().min(1000).max(30000).default(5000);

export const AnnounceStep = z.object({ type: z.literal('announce'), prompt: PromptsSchema, next: stepId });

/** Starts recording the call. Validation requires the recording notice on every path before it. */
export const RecordStep = z.object({ type: z.literal('record'), next: stepId });

export const MenuStep = z.object({
  type: z.literal('menu'),
  prompt: PromptsSchema,
  options: z.record(digit, stepId).refine((o) => Object.keys(o).length > 0, 'at least one option'),
  timeoutMs,
  /** How many more times the menu is played after no input or an invalid key. */
  retries,
  invalidPrompt: promptName.default('invalid-key'),
  noInputPrompt: promptName.default('no-input'),
  /** Where to go when the caller never pressed a key, after the retries. */
  onTimeout: stepId,
  /** Where to go after repeated invalid keys. */
  onInvalid: stepId,
  /** How many times a call may enter this menu; the next entry goes to onMaxLoops. */
  maxLoops: z.number().int().min(1).max(10).default(3),
  onMaxLoops: stepId,
});

export const LanguageStep = z.object({
  type: z.literal('language'),
  prompt: PromptsSchema.default(['language-menu']),
  options: z.record(digit, z.enum(['fr', 'ar', 'en'])),
  timeoutMs,
  retries,
  /** The language kept when the caller chooses none. */
  fallback: z.enum(['fr', 'ar', 'en']),
  next: stepId,
});

export const CalendarStep = z.object({
  type: z.literal('calendar'),
  calendar: z.string().min(1),
  open: stepId,
  closed: stepId,
  /** Optional finer routing; both default to `closed`. */
  holiday: stepId.optional(),
  closure: stepId.optional(),
});

export const EventStep = z.object({
  type: z.literal('event'),
  /** Raised as a call event for other modules (e.g. the cases module's summary email). */
  name: z.string().regex(/^[a-z][a-z0-9_.-]{2,47}$/),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  next: stepId,
});

export const QueueStep = z.object({ type: z.literal('queue'), queue: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/) });
export const HangupStep = z.object({ type: z.literal('hangup'), prompt: PromptsSchema.optional() });
export const GotoStep = z.object({ type: z.literal('goto'), flow: stepId });

export const StepSchema = z.discriminatedUnion('type', [AnnounceStep, RecordStep, MenuStep, LanguageStep, CalendarStep, EventStep, QueueStep, HangupStep, GotoStep]);
export type Step = z.infer<typeof StepSchema>;
export type StepType = Step['type'];

export const FlowSchema = z.object({
  start: stepId,
  steps: z.record(stepId, StepSchema),
});
export type Flow = z.infer<typeof FlowSchema>;

/** A tenant's flows by id. */
export const FlowsSchema = z.record(stepId, FlowSchema);
export type Flows = z.infer<typeof FlowsSchema>;

/** Steps that end a flow (the call leaves the IVR or jumps to another flow). */
export const TERMINAL: ReadonlySet<StepType> = new Set(['queue', 'hangup', 'goto']);
