// People of the running appliance as an administrator makes them: users created through the
// users API with a tenant admin's token, a password of the test's choosing, disabled afterwards.
import type { ExecutionContext } from 'ava';
import { adminToken } from './agents.js';
import { api } from './api.js';

export const WEB_URL = 'https://127.0.0.1:8443/';

export interface TestUser {
  id: number;
  login: string;
  password: string;
}

let next = 0;

/** A user of `tenant` (an agent user names its agent's login), disabled when the test ends. */
export async function createUser(t: ExecutionContext, tenant: string, input: { role: string; agent?: string; language?: 'fr' | 'ar' | 'en'; name?: string }): Promise<TestUser> {
  const token = await adminToken(tenant);
  next += 1;
  const login = `t${process.pid}.${next}.${input.role}`;
  const password = `Essai-${process.pid}-${next}-mot-de-passe`;
  const res = await api(token, 'POST', `/api/tenants/${tenant}/users`, {
    login, name: input.name ?? `Test ${input.role} ${next}`, role: input.role, password,
    ...(input.agent ? { agent: input.agent } : {}), ...(input.language ? { language: input.language } : {}),
  });
  if (res.status !== 201) throw new Error(`user not created: ${res.status} ${JSON.stringify(res.body)}`);
  const { user } = res.body as { user: { id: number } };
  t.teardown(async () => {
    await api(token, 'PATCH', `/api/tenants/${tenant}/users/${user.id}`, { disabled: true });
  });
  return { id: user.id, login, password };
}
