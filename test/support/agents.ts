// Agents for a test: created through the API with generated SIP credentials, their phones
// registered and answering (or not) with SIPp, logged in in a given order; all removed when the
// test ends so that no agent of one test takes another test's calls.
import type { ExecutionContext } from 'ava';
import { api, createToken } from './api.js';
import { eventually } from './eventually.js';
import { type PhoneBehaviour, registerPhone, type RunningPhone, startPhone } from './phones.js';

export interface TestAgent {
  id: string;
  login: string;
  sipUsername: string;
  sipPassword: string;
  ip: string;
  port: number;
  phone?: RunningPhone;
}

const admins = new Map<string, string>();
export async function adminToken(tenant: string): Promise<string> {
  const cached = admins.get(tenant);
  if (cached) return cached;
  const token = await createToken(tenant, 'tenant_admin', 'acd tests');
  admins.set(tenant, token);
  return token;
}

/** A token of the `agent` role that acts for this agent only (made after the agent exists). */
export function agentToken(tenant: string, agent: Pick<TestAgent, 'login'>): Promise<string> {
  return createToken(tenant, 'agent', `agent ${agent.login} (acd tests)`, { agent: agent.login });
}

let next = 0;
/** A fresh login and a phone address of its own: 127.1.<this process>.<n>, port 5161 (each ava worker is a process). */
function allocate(): { login: string; ip: string; port: number } {
  next++;
  return { login: `${String(process.pid % 1000).padStart(3, '0')}${String(next).padStart(3, '0')}`, ip: `127.1.${(process.pid % 250) + 1}.${(next % 250) + 1}`, port: 5161 };
}

export async function createAgent(t: ExecutionContext, tenant: string, skills: { name: string; value: string; level: number }[]): Promise<TestAgent> {
  const token = await adminToken(tenant);
  const { login, ip, port } = allocate();
  const res = await api(token, 'POST', `/api/tenants/${tenant}/agents`, { login, name: `Test agent ${login}`, skills });
  if (res.status !== 201) throw new Error(`agent not created: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { id: string; sipUsername: string; sipPassword: string };
  const agent: TestAgent = { id: body.id, login, sipUsername: body.sipUsername, sipPassword: body.sipPassword, ip, port };
  t.teardown(async () => {
    await agent.phone?.stop();
    await registerPhone(agent, 0).catch(() => undefined);
    await api(token, 'POST', `/api/tenants/${tenant}/agents/${agent.id}/state`, { action: 'logout' });
    await api(token, 'DELETE', `/api/tenants/${tenant}/agents/${agent.id}`);
  });
  return agent;
}

export interface AgentState { id: string; state: string; reason: string | null; registered: boolean; call: string | null }

export async function agentState(tenant: string, id: string): Promise<AgentState | undefined> {
  const res = await api(await adminToken(tenant), 'GET', `/api/tenants/${tenant}/agents`);
  return (res.body as AgentState[]).find((a) => a.id === id);
}

/** Registers the agent's phone, starts it with a behaviour, waits until the ACD sees it registered. */
export async function connectPhone(tenant: string, agent: TestAgent, behaviour: PhoneBehaviour, calls = 1): Promise<RunningPhone> {
  await registerPhone(agent);
  agent.phone = startPhone(agent, behaviour, calls);
  await eventually(async () => (await agentState(tenant, agent.id))?.registered === true, { what: `${agent.sipUsername} registered` });
  return agent.phone;
}

export async function setState(tenant: string, agent: TestAgent, body: Record<string, string>): Promise<AgentState> {
  const res = await api(await adminToken(tenant), 'POST', `/api/tenants/${tenant}/agents/${agent.id}/state`, body);
  if (res.status !== 200) throw new Error(`state change refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AgentState;
}
