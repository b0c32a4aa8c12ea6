// The session routes of the contract.
import { api } from './client';
import type { Enrolment, EnrolmentConfirmed, Language, SessionAnswer } from './types';

export const getSession = () => api<SessionAnswer>('GET', '/api/session');
export const postLogin = (login: string, password: string) => api<SessionAnswer>('POST', '/api/session/login', { login, password });
export const postCode = (code: string) => api<SessionAnswer>('POST', '/api/session/second-factor', { code });
export const postRecoveryCode = (recoveryCode: string) => api<SessionAnswer>('POST', '/api/session/second-factor', { recoveryCode });
export const postEnrolment = () => api<Enrolment>('POST', '/api/session/second-factor/enrolment');
export const postEnrolmentConfirm = (code: string) => api<EnrolmentConfirmed>('POST', '/api/session/second-factor/enrolment/confirm', { code });
export const putLanguage = (language: Language) => api<SessionAnswer>('PUT', '/api/session/language', { language });
export const deleteSession = () => api<undefined>('DELETE', '/api/session');
