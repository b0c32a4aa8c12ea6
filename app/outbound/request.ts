// What a click-to-call request asks for, checked: the number to call (digits, an optional leading
// +) and the tenant's line whose number the customer sees (the tenant's first line by default).
// Whether the number may be dialled (length, country, premium, emergency...) is the tenant's
// dialling policy's to say (app/dialling/): it also gives the digits the trunk is sent, a national
// number as typed ("0612345678"), an international one as its E.164 digits ("+33612345678" ->
// "33612345678"), as the DIDs are written and as overflow and callback numbers are dialled.
import { z } from 'zod';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { DialledNumberSchema } from '../dialling/schema.js';
import { BadRequestError } from '../errors/domain.js';

export const PlaceCallBody = z.strictObject({
  number: DialledNumberSchema,
  line: z.string().min(1).max(64).optional(),
});
export type PlaceCallBody = z.infer<typeof PlaceCallBody>;

/** The line the call goes out on and the DID the customer sees: the first number of the tenant on that line. */
export interface CallerLine {
  line: string;
  did: string;
}

/**
 * The line asked for (400 `outbound.unknown_line` when the tenant has no such line, 400
 * `outbound.line_without_number` when no number of the tenant reaches it), or by default the
 * tenant's first line (or, should that line have no number, the line of the tenant's first number).
 */
export function callerLine(tenant: Pick<Tenant, 'slug' | 'lines' | 'numbers'>, asked?: string): CallerLine {
  const numberOf = (line: string) => tenant.numbers.find((n) => n.line === line);
  if (asked !== undefined) {
    if (!tenant.lines.some((l) => l.id === asked)) throw new BadRequestError('outbound.unknown_line', `tenant ${tenant.slug} has no line "${asked}"`, { line: asked });
    const n = numberOf(asked);
    if (!n) throw new BadRequestError('outbound.line_without_number', `no number of tenant ${tenant.slug} reaches line "${asked}"`, { line: asked });
    return { line: asked, did: n.did };
  }
  const first = tenant.lines[0];
  const n = (first && numberOf(first.id)) ?? tenant.numbers[0];
  if (!n) throw new BadRequestError('outbound.line_without_number', `tenant ${tenant.slug} has no number to call from`, {});
  return { line: n.line, did: n.did };
}
