// A tenant's dialling policy as its configuration file gives it (`dialling` in tenants/*.json),
// validated with zod. Every field has a safe default: a tenant that says nothing may dial only its
// own country's ordinary geographic and mobile numbers, ten outbound legs at once, two per agent.
// Emergency, short and premium numbers are refused whatever the policy says (plans.ts).
import { z } from 'zod';
import { isCallingCode, planOfCallingCode } from './plans.js';

/** A number as an API request gives it: digits with an optional leading +; the policy judges the rest. */
export const DialledNumberSchema = z.string().regex(/^\+?[0-9]{1,20}$/, 'digits (at most 20), with an optional leading +');

const callingCode = z.string().refine(isCallingCode, 'an E.164 country calling code: "33", "212", "1"');
/** A prefix of international numbers, in digits without + or 00: "336" (French mobiles), "2125". */
const prefix = z.string().regex(/^[1-9][0-9]{0,14}$/, 'the first digits of international numbers, without + or 00 ("336")');

export const DiallingPolicySchema = z.strictObject({
  /**
   * Country calling codes numbers may be dialled in ("33" France, "212" Morocco). Default: the
   * tenant's own country only. A code without a built-in numbering plan (any but 33 and 212) needs
   * allowedPrefixes that cover it: its premium ranges are not known here.
   */
  allowedCountryCodes: z.array(callingCode).min(1).optional(),
  /**
   * When given, the finer allow-list: only numbers whose international digits start with one of
   * these may be dialled ("336", "337": mobiles only). It is also how a range that is neither
   * geographic nor mobile is opened ("33800": French free numbers); premium, short and emergency
   * numbers stay refused.
   */
  allowedPrefixes: z.array(prefix).default([]),
  /** Numbers whose international digits start with one of these are refused ("3316": one block). */
  blockedPrefixes: z.array(prefix).default([]),
  /** Bounds on the international number's length (country code included). */
  minDigits: z.number().int().min(4).max(15).default(8),
  maxDigits: z.number().int().min(4).max(15).default(15),
  /** Outbound legs through the trunk at once for the tenant (click-to-call, callbacks, transfers, consultations, overflow). */
  maxConcurrentOutbound: z.number().int().min(1).max(10_000).default(10),
  /** Of those, at once for one agent (their click-to-call, consultation or callback). */
  maxConcurrentOutboundPerAgent: z.number().int().min(1).max(100).default(2),
}).superRefine((p, ctx) => {
  if (p.minDigits > p.maxDigits) ctx.addIssue({ code: 'custom', path: ['minDigits'], message: `minDigits (${p.minDigits}) is above maxDigits (${p.maxDigits})` });
  if (p.maxConcurrentOutboundPerAgent > p.maxConcurrentOutbound) {
    ctx.addIssue({ code: 'custom', path: ['maxConcurrentOutboundPerAgent'], message: 'cannot be above maxConcurrentOutbound' });
  }
  (p.allowedCountryCodes ?? []).forEach((code, i) => {
    if (!isCallingCode(code) || planOfCallingCode(code) || p.allowedPrefixes.some((x) => x.startsWith(code))) return;
    ctx.addIssue({
      code: 'custom', path: ['allowedCountryCodes', i],
      message: `country code ${code} has no built-in numbering plan (its premium numbers are unknown): list the prefixes allowed in it in allowedPrefixes`,
    });
  });
});

export type DiallingPolicy = z.infer<typeof DiallingPolicySchema>;
