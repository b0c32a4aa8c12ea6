// What the person forms send: a new person's body, and only the fields an edit really changes
// (an agent who becomes something else is unlinked from their agent in the same request, as the
// server's rules require).
import type { AdminUser, NewUser, UserChange } from '../api/admin';
import type { Language, Role } from '../api/types';
import { linksAgent } from './roles';

export interface PersonForm {
  name: string;
  role: Role;
  language: Language;
  /** The agent's login typed or chosen (agents only). */
  agent: string;
}

export function newUserBody(login: string, form: PersonForm): NewUser {
  return {
    login: login.trim(), name: form.name.trim(), role: form.role, language: form.language,
    ...(linksAgent(form.role) ? { agent: form.agent.trim() } : {}),
  };
}

export function formOf(user: AdminUser): PersonForm {
  return { name: user.name, role: user.role, language: user.language, agent: user.agentLogin ?? '' };
}

export function userChange(user: AdminUser, form: PersonForm): UserChange {
  const change: UserChange = {};
  const name = form.name.trim();
  if (name !== user.name) change.name = name;
  if (form.role !== user.role) change.role = form.role;
  if (form.language !== user.language) change.language = form.language;
  const agent = linksAgent(form.role) ? form.agent.trim() || null : null;
  if (agent !== user.agentLogin) change.agent = agent;
  return change;
}
