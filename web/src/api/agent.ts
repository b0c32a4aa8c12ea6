// The agent panel's routes of the contract.
import { api } from './client';
import type { Panel, StateAction, Target } from './types';

const enc = encodeURIComponent;
const agentPath = (tenant: string, agentId: string) => `/api/tenants/${enc(tenant)}/agents/${enc(agentId)}`;
const callPath = (tenant: string, callId: string) => `/api/tenants/${enc(tenant)}/calls/${enc(callId)}`;

export const getPanel = (tenant: string, agentId: string) => api<Panel>('GET', `${agentPath(tenant, agentId)}/panel`);
export const postState = (tenant: string, agentId: string, action: StateAction) => api<unknown>('POST', `${agentPath(tenant, agentId)}/state`, action);
export const postHold = (tenant: string, callId: string) => api<unknown>('POST', `${callPath(tenant, callId)}/hold`);
export const postResume = (tenant: string, callId: string) => api<unknown>('POST', `${callPath(tenant, callId)}/resume`);
export const postTransfer = (tenant: string, callId: string, to: Target) => api<unknown>('POST', `${callPath(tenant, callId)}/transfer`, to);
export const postConsult = (tenant: string, callId: string, to: Target) => api<unknown>('POST', `${callPath(tenant, callId)}/consult`, to);
export const postConsultEnd = (tenant: string, callId: string, how: 'complete' | 'cancel') => api<unknown>('POST', `${callPath(tenant, callId)}/consult/${how}`);
export const postCall = (tenant: string, agentId: string, number: string, line: string | undefined) =>
  api<{ callId: string }>('POST', `${agentPath(tenant, agentId)}/calls`, line ? { number, line } : { number });
export const postWrapup = (tenant: string, callId: string, wrapup: { family: string; nature: string; note: string }) =>
  api<unknown>('POST', `${callPath(tenant, callId)}/wrapup`, wrapup);
