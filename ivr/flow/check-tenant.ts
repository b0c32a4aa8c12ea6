// Checks a tenant's flows against its own configuration (languages, lines, calendars, queues,
// text-to-speech prompts) and the appliance's built-in prompts.
import type { Language, Tenant } from '../../pbx-config/schema/tenant.js';
import { validateFlows } from './validate.js';

export function tenantFlowProblems(tenant: Tenant, builtin: (name: string, language: Language) => boolean): string[] {
  return validateFlows(tenant.flows, {
    languages: tenant.languages,
    entries: [...new Set(tenant.lines.map((l) => l.flow))],
    hasPrompt: (name, language) => Boolean(tenant.prompts[name]?.[language]) || builtin(name, language),
    calendars: new Set(Object.keys(tenant.calendars)),
    queues: new Set(tenant.queues.map((q) => q.id)),
  });
}
