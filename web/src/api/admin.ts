// The administration routes of the contract (app/people/*-routes.ts): users, API tokens and the
// audit log of one place, a tenant's (/api/tenants/{slug}/...) or the outsourcer's own staff
// (/api/staff/...). Shapes as app/people/present.ts presents them.
import type { NewUser, PresentedAuditEvent, PresentedToken, PresentedUser, UserChange } from '../../../app/people/present';
import { api } from './client';
import type { Role } from './types';

/** A tenant's slug, or null for the outsourcer's own staff. */
export type Place = string | null;

export const placeBase = (place: Place): string => (place === null ? '/api/staff' : `/api/tenants/${encodeURIComponent(place)}`);

/** A user as the API presents them (the server's own type: the two sides cannot drift apart). */
export type AdminUser = PresentedUser;

export type { NewUser, UserChange };

export type ApiTokenView = PresentedToken;
export type AuditEvent = PresentedAuditEvent;

export interface AuditPage {
  events: AuditEvent[];
  next: number | null;
}

export interface AgentSummary {
  id: string;
  login: string;
  name: string;
}

const users = (place: Place) => `${placeBase(place)}/users`;

export const listUsers = (place: Place) => api<AdminUser[]>('GET', users(place));
export const createUser = (place: Place, input: NewUser) => api<{ user: AdminUser; password?: string }>('POST', users(place), input);
export const changeUser = (place: Place, id: number, change: UserChange) => api<AdminUser>('PATCH', `${users(place)}/${id}`, change);
export const resetPassword = (place: Place, id: number) => api<{ user: AdminUser; password?: string }>('POST', `${users(place)}/${id}/password`, { generate: true });
export const resetSecondFactor = (place: Place, id: number) => api<unknown>('DELETE', `${users(place)}/${id}/second-factor`);

const tokens = (place: Place) => `${placeBase(place)}/tokens`;

export const listTokens = (place: Place) => api<ApiTokenView[]>('GET', tokens(place));
export const createToken = (place: Place, input: { name: string; role: Role; agent?: string }) =>
  api<{ token: ApiTokenView; secret: string }>('POST', tokens(place), input);
export const revokeToken = (place: Place, id: number) => api<undefined>('DELETE', `${tokens(place)}/${id}`);

export function auditPath(place: Place, filter: { type?: string; before?: number | null; limit?: number }): string {
  const q = new URLSearchParams();
  if (filter.type) q.set('type', filter.type);
  if (filter.before) q.set('before', String(filter.before));
  q.set('limit', String(filter.limit ?? 50));
  return `${placeBase(place)}/audit?${q.toString()}`;
}

export const getAudit = (place: Place, filter: { type?: string; before?: number | null }) => api<AuditPage>('GET', auditPath(place, filter));

/** A tenant's agents, to offer their logins when linking an agent user (none for the staff). */
export const listAgents = (tenant: string) => api<AgentSummary[]>('GET', `/api/tenants/${encodeURIComponent(tenant)}/agents`);
