// The reasons a tenant gives its agents to choose from, in its configuration (tenants/*.json):
// why an agent takes a break (`pauseReasons`, tenant-wide) and why people call (`callReasons` on
// each line, two levels: a family, then one of its natures). Codes are what the API, the journal
// and the reports carry; labels, in the panel's three languages, are what agents see. Checked when
// the configuration loads: codes unique where they are chosen from, every label in fr, ar and en.
import { z } from 'zod';

export const ReasonCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'lower-case letters, digits and _, starting with a letter (2 to 32 characters)');

const label = z.string().trim().min(1).max(80);
/** A label in each language of the panel (all three, whatever languages the tenant's callers speak). */
export const LabelsSchema = z.strictObject({ fr: label, ar: label, en: label });
export type Labels = z.infer<typeof LabelsSchema>;

/**
 * Pause codes the app itself sets (the ACD after a ring out or a refusal, click-to-call while a
 * call is placed): an agent may not choose them, so a tenant may not configure them.
 */
export const SYSTEM_PAUSE_REASONS: readonly string[] = ['no_answer', 'rejected', 'outbound'];

function uniqueCodes(list: readonly { code: string }[], ctx: z.RefinementCtx, where: (string | number)[] = []): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [...where, i, 'code'], message: `duplicate code "${item.code}"` });
    seen.add(item.code);
  });
}

export const PauseReasonSchema = z.strictObject({
  code: ReasonCodeSchema.refine((c) => !SYSTEM_PAUSE_REASONS.includes(c), { message: `${SYSTEM_PAUSE_REASONS.join(', ')} are set by the app itself` }),
  label: LabelsSchema,
});
export const PauseReasonsSchema = z.array(PauseReasonSchema).max(30).superRefine((list, ctx) => uniqueCodes(list, ctx));

export const CallNatureSchema = z.strictObject({ code: ReasonCodeSchema, label: LabelsSchema });
export const CallFamilySchema = z.strictObject({
  code: ReasonCodeSchema,
  label: LabelsSchema,
  natures: z.array(CallNatureSchema).min(1).max(50),
});
export const CallReasonsSchema = z.array(CallFamilySchema).max(50).superRefine((families, ctx) => {
  uniqueCodes(families, ctx);
  families.forEach((f, i) => uniqueCodes(f.natures, ctx, [i, 'natures']));
});
export type CallFamily = z.infer<typeof CallFamilySchema>;

/** Whether `family` is one of the line's families and `nature` one of that family's natures. */
export function isCallReason(reasons: readonly CallFamily[], family: string, nature: string): boolean {
  return reasons.some((f) => f.code === family && f.natures.some((n) => n.code === nature));
}
