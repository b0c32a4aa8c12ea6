// The people capability: the administration API for users (people who log in to the panel), the
// machines' API tokens and the audit log. The authorisation point must know who owns the users
// and tokens URLs name: give the auth plugin `owners: { ...peopleOwners(models) }` (owners.ts).
import type { Plugin } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import type { AuditLog } from '../auth/audit.js';
import type { SessionStore } from '../auth/sessions.js';
import { AuditQuery } from './audit-query.js';
import { auditRoutes } from './audit-routes.js';
import { TokenService } from './token-service.js';
import { tokenRoutes } from './token-routes.js';
import { userRoutes } from './user-routes.js';
import { UserService } from './user-service.js';

export interface PeopleOptions {
  models: Pick<Models, 'User' | 'Tenant' | 'Agent' | 'UserRecoveryCode' | 'ApiToken' | 'AuditEvent'>;
  /** Ends a user's open sessions when their role, tenant, agent, password or second factor changes. */
  sessions: SessionStore;
  audit: AuditLog;
}

export { peopleOwners, tokenOwner, userOwner } from './owners.js';

export const peoplePlugin: Plugin<PeopleOptions> = {
  name: 'ccapp-people',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, { models, sessions, audit }) {
    server.route([
      ...userRoutes(new UserService({ models, sessions, audit })),
      ...tokenRoutes(new TokenService({ models, audit })),
      ...auditRoutes(new AuditQuery(models)),
    ]);
  },
};
