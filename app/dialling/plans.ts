// Numbering facts the dialling policy is built on: how an international number splits into its
// country calling code and national significant number (NSN), and the national numbering plans of
// the two countries the tenants are in. Facts only; the rules that use them are in policy.ts.
//
// Country calling codes (ITU-T E.164): 1 and 7 have one digit, the codes below two, every other
// code three, so a number splits without a table of every country.
//
// France (ARCEP, plan national de numérotation, décision 2018-0881 as amended in 2022): ten-digit
// numbers 0 + NSN of nine digits. 01-05 and 09 ordinary fixed ("polyvalents") numbers, 06 and 07
// mobiles, 08 special services: 0800-0805 free, 0806-0809 at the price of an ordinary call, 081
// and 082 and 089 surcharged ("tarification majorée"); the other 08 blocks serve special services
// (data, dial-up) and are treated as surcharged too. Short numbers have 2 to 6 digits: 1X, 1XY,
// 10XY (operators' services), 3BPQ (4 digits, may be surcharged), 116XYZ (European services of
// social value), 118XYZ (directory enquiries, surcharged). Emergency numbers (free, routed to the
// nearest centre): 15 SAMU, 17 police, 18 fire brigade, 112, 114 (deaf and hard of hearing), 115
// (homeless emergency), 119 (children in danger), 191 (air rescue), 196 (sea rescue), 197
// (terror alert), 116000 (missing children), 116117 (out-of-hours doctor).
//
// Morocco (ANRT, plan national de numérotation, closed plan since March 2009): ten-digit numbers
// 0 + NSN of nine digits. 05 fixed geographic, 06 and 07 mobiles, 08 special-rate services (080
// free, 089 premium rate; split-charge and shared-revenue services in the rest of 08). Short
// numbers: 19 and 190 police, 15 civil protection (fire, ambulance), 150 ambulance and fire, 177
// Gendarmerie royale, 141 SAMU, 112 from mobiles; other short numbers (5757...) have 2 to 4 digits.

/** The two-digit country calling codes. */
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** The length of the country calling code an international number (digits, no + or 00) starts with. */
export function callingCodeLength(digits: string): number {
  if (digits.startsWith('1') || digits.startsWith('7')) return 1;
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

/** True when `code` is a country calling code by its shape (1, 7, a two-digit code, or three digits outside them). */
export function isCallingCode(code: string): boolean {
  return /^[1-9][0-9]{0,2}$/.test(code) && callingCodeLength(`${code}000000`) === code.length;
}

/**
 * Codes whose calls are charged at premium rates whatever the number: the International Premium
 * Rate Service (979), satellite and international networks (870 Inmarsat, 881 GMSS, 882 and 883
 * international networks).
 */
export const PREMIUM_CALLING_CODES: readonly string[] = ['870', '881', '882', '883', '979'];

/** The emergency numbers every mobile phone knows (GSM), refused whatever country they are given in. */
export const UNIVERSAL_EMERGENCY: readonly string[] = ['112', '911'];

/** What a national number of the plan's length is, by its first digits. */
export type Range = 'geographic' | 'mobile' | 'premium' | 'special';

export interface NumberingPlan {
  country: 'FR' | 'MA';
  callingCode: string;
  /** Ordinary numbers' NSN length (without the national 0). */
  nsnLength: number;
  /** NSNs of at most this many digits are short numbers. */
  shortMaxDigits: number;
  emergency: readonly string[];
  /** By leading digits of the NSN; the longest prefix that matches wins; none: special. */
  ranges: Readonly<Record<string, Range>>;
}

export const PLANS: Readonly<Record<'FR' | 'MA', NumberingPlan>> = {
  FR: {
    country: 'FR', callingCode: '33', nsnLength: 9, shortMaxDigits: 6,
    emergency: ['15', '17', '18', '112', '114', '115', '119', '191', '196', '197', '116000', '116117'],
    ranges: {
      1: 'geographic', 2: 'geographic', 3: 'geographic', 4: 'geographic', 5: 'geographic', 9: 'geographic',
      6: 'mobile', 7: 'mobile', 8: 'premium', 80: 'special',
    },
  },
  MA: {
    country: 'MA', callingCode: '212', nsnLength: 9, shortMaxDigits: 6,
    emergency: ['15', '19', '112', '141', '150', '177', '190'],
    ranges: { 5: 'geographic', 6: 'mobile', 7: 'mobile', 8: 'premium', 80: 'special' },
  },
};

/** The plan of a calling code, when it is one of ours. */
export function planOfCallingCode(code: string): NumberingPlan | undefined {
  return Object.values(PLANS).find((p) => p.callingCode === code);
}

/** The range of an NSN in a plan (longest matching prefix; special when none matches). */
export function rangeOf(plan: NumberingPlan, nsn: string): Range {
  for (let n = Math.min(nsn.length, 4); n > 0; n--) {
    const range = plan.ranges[nsn.slice(0, n)];
    if (range) return range;
  }
  return 'special';
}
