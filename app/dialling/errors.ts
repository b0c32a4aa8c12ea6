// The API's answer to a number the dialling policy refuses: 422 `dialling.refused` with the rule
// in the details, or 429 when it is a concurrency cap (the same request may succeed later).
import { DomainError } from '../errors/domain.js';
import type { DialPurpose, RefusalRule } from './guard.js';

export const isLimitRule = (rule: RefusalRule): boolean => rule === 'tenant_limit' || rule === 'agent_limit';

export class DiallingRefusedError extends DomainError {
  override readonly name = 'DiallingRefusedError';
  readonly status: number;

  constructor(rule: RefusalRule, number: string, purpose: DialPurpose) {
    super('dialling.refused', isLimitRule(rule)
      ? `too many outbound calls at once (${rule}): try again later`
      : `the tenant's dialling policy refuses this number (${rule})`, { rule, number, purpose });
    this.status = isLimitRule(rule) ? 429 : 422;
  }
}
