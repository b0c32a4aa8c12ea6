import test from 'ava';
import { cleanSlug, linksAgent, rolesFor } from './roles';

test('the staff are platform administrators, supervisors or quality; a tenant has no platform administrator', (t) => {
  t.deepEqual([...rolesFor(null)].sort(), ['operator_admin', 'quality', 'supervisor']);
  t.false(rolesFor('energie').includes('operator_admin'));
  t.true(rolesFor('energie').includes('agent'));
  t.true(rolesFor('energie').includes('tenant_admin'));
});

test('only an agent is linked to an agent', (t) => {
  t.true(linksAgent('agent'));
  t.false(linksAgent('supervisor'));
});

test('a typed slug is trimmed and lower-cased, and refused when it is not one', (t) => {
  t.is(cleanSlug(' Energie '), 'energie');
  t.is(cleanSlug('eau-de-ville'), 'eau-de-ville');
  t.is(cleanSlug('1abc'), null);
  t.is(cleanSlug('a'), null);
  t.is(cleanSlug('../staff'), null);
});
