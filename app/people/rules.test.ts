// The rules users keep and the passwords the app makes: which roles may lack a tenant, the agent
// link, who may grant what, the last operator_admin, logins, and generated passwords' policy.
import test from 'ava';
import { passwordProblem } from '../auth/passwords.js';
import { ROLES } from '../auth/roles.js';
import { generatePassword } from './generated-password.js';
import { agentRule, LOGIN_RE, losesLastOperatorAdmin, mayGrant, mayMoveTenant, tenantRule } from './rules.js';

test('given each role, when judged with and without a tenant, then only operator_admin, supervisor and quality may have none', (t) => {
  const tenantLess = ROLES.filter((r) => tenantRule(r, false) === undefined);
  const inTenant = ROLES.filter((r) => tenantRule(r, true) === undefined);
  t.deepEqual(tenantLess, ['operator_admin', 'supervisor', 'quality']);
  t.deepEqual(inTenant, ['tenant_admin', 'supervisor', 'agent', 'client_viewer', 'quality']);
  t.is(tenantRule('operator_admin', true)?.id, 'user.tenant_not_allowed');
  t.is(tenantRule('agent', false)?.id, 'user.tenant_required');
});

test('given each role, when judged with and without an agent, then agents need one and nobody else may have one', (t) => {
  for (const role of ROLES) {
    t.is(agentRule(role, role === 'agent') === undefined, true, role);
    t.not(agentRule(role, role !== 'agent'), undefined, role);
  }
  t.is(agentRule('agent', false)?.id, 'user.agent_required');
  t.is(agentRule('supervisor', true)?.id, 'user.agent_not_allowed');
});

test('given an administrator, when granting roles, then a tenant_admin never grants operator_admin and only operator_admin moves tenants', (t) => {
  for (const role of ROLES) t.true(mayGrant('operator_admin', role), role);
  t.deepEqual(ROLES.filter((r) => mayGrant('tenant_admin', r)), ROLES.filter((r) => r !== 'operator_admin'));
  t.false(mayGrant('supervisor', 'agent'));
  t.true(mayMoveTenant('operator_admin'));
  t.false(mayMoveTenant('tenant_admin'));
});

test('given the last active operator_admin, when demoted or disabled, then it is refused; with another one left, it is not', (t) => {
  const demoted = { activeOperatorAdminBefore: true, activeOperatorAdminAfter: false };
  t.true(losesLastOperatorAdmin(demoted, 0));
  t.false(losesLastOperatorAdmin(demoted, 1));
  t.false(losesLastOperatorAdmin({ activeOperatorAdminBefore: true, activeOperatorAdminAfter: true }, 0), 'a rename keeps them');
  t.false(losesLastOperatorAdmin({ activeOperatorAdminBefore: false, activeOperatorAdminAfter: false }, 0), 'not one to begin with');
});

test('given logins, when checked, then ASCII names, e-mail addresses and dotted names pass and the rest does not', (t) => {
  for (const ok of ['marie', 'm.dupont', 'marie@example.org', 'agent-201', 'AB', 'x'.repeat(64)]) t.true(LOGIN_RE.test(ok), ok);
  for (const bad of ['m', '.marie', 'ma rie', 'marié', 'x'.repeat(65), '', 'a;b', '-x']) t.false(LOGIN_RE.test(bad), bad);
});

test('given generated passwords, when made, then each is within the policy, in four groups, and they differ', (t) => {
  const made = Array.from({ length: 50 }, () => generatePassword());
  for (const p of made) {
    t.is(passwordProblem(p), undefined, p);
    t.regex(p, /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    t.notRegex(p, /[01lIoO]/, 'no look-alikes');
  }
  t.is(new Set(made).size, made.length);
});

test('given a random source that first draws one character only, when a password is made, then the draw is made again until the policy holds', (t) => {
  let calls = 0;
  const password = generatePassword((max) => (calls++ < 20 ? 0 : calls % max));
  t.is(passwordProblem(password), undefined);
  t.true(calls > 20);
});
