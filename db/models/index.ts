// Binds every model to one Sequelize instance and wires the associations. Each instance gets
// its own fresh subclasses, so two instances (two databases, or a test beside the app) never
// share model state, and code must be handed `models`: importing a class and calling its
// statics fails. Calling initModels again on the same instance returns the same models.
import type { Sequelize } from 'sequelize';
import { defineAgent, type Agent } from './agent.js';
import { defineAgentEvent, type AgentEvent } from './agent-event.js';
import { defineApiToken, type ApiToken } from './api-token.js';
import { defineCallEvent, type CallEvent } from './call-event.js';
import { defineCall, type Call } from './call.js';
import { defineLine, type Line } from './line.js';
import { definePhoneNumber, type PhoneNumber } from './phone-number.js';
import { definePromptVersion, type PromptVersion } from './prompt-version.js';
import { defineRecording, type Recording } from './recording.js';
import { defineSite, type Site } from './site.js';
import { defineTenant, type Tenant } from './tenant.js';
import { defineCalendarOverride, type CalendarOverride } from './calendar-override.js';
import { defineUser, type User } from './user.js';
import { defineUserSession, type UserSession } from './user-session.js';
import { defineUserRecoveryCode, type UserRecoveryCode } from './user-recovery-code.js';
import { defineAuditEvent, type AuditEvent } from './audit-event.js';

export interface Models {
  Tenant: typeof Tenant;
  Site: typeof Site;
  Line: typeof Line;
  PhoneNumber: typeof PhoneNumber;
  Call: typeof Call;
  CallEvent: typeof CallEvent;
  Recording: typeof Recording;
  ApiToken: typeof ApiToken;
  PromptVersion: typeof PromptVersion;
  CalendarOverride: typeof CalendarOverride;
  AgentEvent: typeof AgentEvent;
  Agent: typeof Agent;
  User: typeof User;
  UserSession: typeof UserSession;
  UserRecoveryCode: typeof UserRecoveryCode;
  AuditEvent: typeof AuditEvent;
}

const bound = new WeakMap<Sequelize, Models>();

export function initModels(sequelize: Sequelize): Models {
  const existing = bound.get(sequelize);
  if (existing) return existing;
  const m: Models = {
    Tenant: defineTenant(sequelize),
    Site: defineSite(sequelize),
    Line: defineLine(sequelize),
    PhoneNumber: definePhoneNumber(sequelize),
    Call: defineCall(sequelize),
    CallEvent: defineCallEvent(sequelize),
    Recording: defineRecording(sequelize),
    ApiToken: defineApiToken(sequelize),
    PromptVersion: definePromptVersion(sequelize),
    CalendarOverride: defineCalendarOverride(sequelize),
    AgentEvent: defineAgentEvent(sequelize),
    Agent: defineAgent(sequelize),
    User: defineUser(sequelize),
    UserSession: defineUserSession(sequelize),
    UserRecoveryCode: defineUserRecoveryCode(sequelize),
    AuditEvent: defineAuditEvent(sequelize),
  };
  // History must outlive configuration changes: nothing cascades, a referenced row can't go.
  const fk = (name: string, allowNull = false) => ({ foreignKey: { name, allowNull }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });

  m.Tenant.hasMany(m.Line, { as: 'lines', ...fk('tenantId') });
  m.Line.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.Tenant.hasMany(m.PhoneNumber, { as: 'numbers', ...fk('tenantId') });
  m.PhoneNumber.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.Line.hasMany(m.PhoneNumber, { as: 'numbers', ...fk('lineId') });
  m.PhoneNumber.belongsTo(m.Line, { as: 'line', ...fk('lineId') });

  m.Call.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.Call.belongsTo(m.Site, { as: 'site', ...fk('siteId', true) });
  m.Call.belongsTo(m.PhoneNumber, { as: 'number', ...fk('numberId', true) });
  m.Call.belongsTo(m.Line, { as: 'line', ...fk('lineId', true) });
  m.Call.hasMany(m.CallEvent, { as: 'events', ...fk('callId') });
  m.CallEvent.belongsTo(m.Call, { as: 'call', ...fk('callId') });
  m.Call.hasMany(m.Recording, { as: 'recordings', ...fk('callId') });
  m.Recording.belongsTo(m.Call, { as: 'call', ...fk('callId') });
  m.CallEvent.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.Recording.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.AgentEvent.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.Agent.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.ApiToken.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId', true) });
  m.PromptVersion.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId') });
  m.PromptVersion.belongsTo(m.ApiToken, { as: 'createdBy', ...fk('createdByTokenId', true) });
  m.User.belongsTo(m.Tenant, { as: 'tenant', ...fk('tenantId', true) });
  m.UserSession.belongsTo(m.User, { as: 'user', ...fk('userId') });
  bound.set(sequelize, m);
  return m;
}

export type { ApiToken, ApiRole } from './api-token.js';
export { API_ROLES } from './api-token.js';
export type { Call, CallDirection } from './call.js';
export { UUID_RE } from './call.js';
export type { Agent, AgentPresence, AgentSkillRow } from './agent.js';
export type { AgentEvent } from './agent-event.js';
export type { CallEvent, JsonValue } from './call-event.js';
export type { Line } from './line.js';
export type { PhoneNumber } from './phone-number.js';
export type { PromptVersion, PromptFormat } from './prompt-version.js';
export { PROMPT_FORMATS, PROMPT_NAME_RE } from './prompt-version.js';
export type { Recording } from './recording.js';
export type { Site, SiteRole } from './site.js';
export type { Tenant, Country, Language } from './tenant.js';
export type { User } from './user.js';
export { LANGUAGES } from './user.js';
export type { UserSession, SessionStage } from './user-session.js';
export type { UserRecoveryCode } from './user-recovery-code.js';
export type { AuditEvent } from './audit-event.js';
