import test from 'ava';
import { agentRuleProblem, isRole, ROLES, tenantRuleProblem } from './roles.js';

test('given the five roles, when checked, then each is a role and nothing else is', (t) => {
  t.deepEqual([...ROLES], ['operator_admin', 'tenant_admin', 'supervisor', 'agent', 'client_viewer', 'quality']);
  t.true(ROLES.every(isRole));
  t.false(isRole('admin'));
  t.false(isRole(undefined));
});

test('given roles with and without a tenant, when checked, then operator_admin has none and tenant roles have one', (t) => {
  t.truthy(tenantRuleProblem('operator_admin', true));
  t.is(tenantRuleProblem('operator_admin', false), undefined);
  t.truthy(tenantRuleProblem('tenant_admin', false));
  t.truthy(tenantRuleProblem('client_viewer', false));
  t.is(tenantRuleProblem('tenant_admin', true), undefined);
  t.is(tenantRuleProblem('supervisor', false), undefined, 'the outsourcer\'s supervisors work across tenants');
  t.is(tenantRuleProblem('agent', true), undefined);
  t.regex(tenantRuleProblem('agent', false) ?? '', /^an agent token belongs to one tenant/, 'an agent works in one tenant');
});

test('given roles with and without an agent, when checked, then only an agent token names one, and it must', (t) => {
  t.regex(agentRuleProblem('agent', false) ?? '', /--agent/);
  t.is(agentRuleProblem('agent', true), undefined);
  for (const role of ROLES.filter((r) => r !== 'agent')) {
    t.is(agentRuleProblem(role, false), undefined, role);
    t.regex(agentRuleProblem(role, true) ?? '', new RegExp(`^an? ${role} token acts for no single agent`), role);
  }
});
