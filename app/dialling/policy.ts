// The dialling policy, pure: a tenant's rules and a number as it was dialled or typed give either
// the digits to send to the trunk or the rule that refuses it. Every number the appliance dials
// (callbacks, click-to-call, transfers, consultations, overflow) goes through checkNumber.
//
// Forms understood, for a tenant in France or Morocco (both use the national prefix 0):
// - national, as a caller there types it: 0612345678, 0522123456 (0 + NSN of the tenant's country);
// - international with + or 00: +33612345678, 0033612345678;
// - international as bare E.164 digits (seven digits or more, not starting with 0): 33612345678;
// - a short number as dialled in the tenant's country (six digits or fewer, not starting with 0): 15, 3919.
// An allowed number keeps the form the trunk has always been sent: national numbers as typed,
// international ones as their E.164 digits without + or 00 (the DIDs' own form).
//
// Refusals, checked in this order (the first that applies is the one reported):
//   malformed            not digits (an optional leading + only), 00 or + followed by 0, nothing;
//   emergency            an emergency number of the number's country (or 112/911), in any form;
//   premium              a premium calling code (979, 870, 881-883) or a surcharged range (FR 081,
//                        082, 089 and other 08 but 080; MA 08 but 080);
//   short_number         any other short number: six digits or fewer after the country code (FR and
//                        MA short numbers have 2 to 6 digits; taken as short in every country);
//   not_allowed_country  a country calling code the policy does not allow;
//   too_short, too_long  not the plan's length (nine digits after the 0 in FR and MA), or outside
//                        the policy's minDigits..maxDigits for the international number;
//   blocked_prefix       a blocked prefix; not in allowedPrefixes when those are given; without
//                        them, a range that is neither geographic nor mobile (FR 080, MA 080).
import type { DiallingPolicy } from './schema.js';
import { callingCodeLength, PLANS, planOfCallingCode, PREMIUM_CALLING_CODES, rangeOf, UNIVERSAL_EMERGENCY } from './plans.js';

export type PolicyRule = 'malformed' | 'too_short' | 'too_long' | 'not_allowed_country' | 'premium' | 'short_number' | 'emergency' | 'blocked_prefix';
export type PolicyVerdict = { ok: true; dial: string } | { ok: false; rule: PolicyRule };

/** A tenant's policy with its defaults resolved against the tenant's country. */
export interface DiallingRules {
  home: 'FR' | 'MA';
  allowedCountryCodes: readonly string[];
  allowedPrefixes: readonly string[];
  blockedPrefixes: readonly string[];
  minDigits: number;
  maxDigits: number;
}

/** Longer than this many digits, a number is refused before anything else is read from it. */
const MAX_INPUT_DIGITS = 20;
/** Bare digits (no 0, no + or 00) longer than this are international numbers; up to it, short numbers. */
const SHORT_FORM_MAX = 6;
/** In a country without a built-in plan, NSNs of at most this many digits are taken as short numbers. */
const SHORT_NSN_MAX = 6;

/** The rules of a tenant: its policy, its own country allowed by default. */
export function rulesFor(tenant: { country: 'FR' | 'MA'; dialling?: Partial<DiallingPolicy> | undefined }): DiallingRules {
  const p = tenant.dialling ?? {};
  return {
    home: tenant.country,
    allowedCountryCodes: p.allowedCountryCodes ?? [PLANS[tenant.country].callingCode],
    allowedPrefixes: p.allowedPrefixes ?? [],
    blockedPrefixes: p.blockedPrefixes ?? [],
    minDigits: p.minDigits ?? 8,
    maxDigits: p.maxDigits ?? 15,
  };
}

/** A number read: its country calling code and NSN, and whether it was given in the national form. */
interface Parsed {
  code: string;
  nsn: string;
  national: boolean;
}

function parse(home: 'FR' | 'MA', raw: string): Parsed | 'malformed' | 'too_long' {
  if (!/^\+?[0-9]+$/.test(raw)) return 'malformed';
  const plus = raw.startsWith('+');
  const digits = plus ? raw.slice(1) : raw;
  if (digits.length > MAX_INPUT_DIGITS) return 'too_long';
  const homeCode = PLANS[home].callingCode;
  let international: string;
  if (plus) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('0')) return { code: homeCode, nsn: digits.slice(1), national: true };
  else if (digits.length <= SHORT_FORM_MAX) return { code: homeCode, nsn: digits, national: true };
  else international = digits;
  if (international === '' || international.startsWith('0')) return 'malformed';
  const n = callingCodeLength(international);
  return { code: international.slice(0, n), nsn: international.slice(n), national: false };
}

/** The rule that refuses `number` under `rules`, or the digits to send to the trunk. */
export function checkNumber(rules: DiallingRules, number: string): PolicyVerdict {
  const parsed = parse(rules.home, number);
  if (typeof parsed === 'string') return { ok: false, rule: parsed };
  const refused = refusal(rules, parsed);
  if (refused) return { ok: false, rule: refused };
  return { ok: true, dial: parsed.national ? number : `${parsed.code}${parsed.nsn}` };
}

function refusal(rules: DiallingRules, { code, nsn }: Parsed): PolicyRule | undefined {
  const plan = planOfCallingCode(code);
  const international = `${code}${nsn}`;
  if (nsn === '') return 'too_short';
  if (UNIVERSAL_EMERGENCY.includes(nsn) || plan?.emergency.includes(nsn)) return 'emergency';
  if (PREMIUM_CALLING_CODES.includes(code)) return 'premium';
  // "+33 0612345678": the national 0 kept after the country code is no number the trunk can route.
  if (plan && nsn.startsWith('0')) return 'malformed';
  if (nsn.length <= (plan?.shortMaxDigits ?? SHORT_NSN_MAX)) return 'short_number';
  if (plan && rangeOf(plan, nsn) === 'premium') return 'premium';
  if (!rules.allowedCountryCodes.includes(code)) return 'not_allowed_country';
  if (plan && nsn.length < plan.nsnLength) return 'too_short';
  if (plan && nsn.length > plan.nsnLength) return 'too_long';
  if (international.length < rules.minDigits) return 'too_short';
  if (international.length > rules.maxDigits) return 'too_long';
  if (rules.blockedPrefixes.some((p) => international.startsWith(p))) return 'blocked_prefix';
  if (rules.allowedPrefixes.length > 0) return rules.allowedPrefixes.some((p) => international.startsWith(p)) ? undefined : 'blocked_prefix';
  // Without a finer allow-list, only ordinary numbers of a country we know the plan of.
  const range = plan ? rangeOf(plan, nsn) : 'special';
  return range === 'geographic' || range === 'mobile' ? undefined : 'blocked_prefix';
}
