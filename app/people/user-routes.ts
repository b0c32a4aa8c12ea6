// The users API, for a tenant's users and for the outsourcer's own staff (users without tenant):
//   GET    /api/tenants/{tenant}/users                          list (tenant_admin of the tenant, operator_admin)
//   POST   /api/tenants/{tenant}/users                          create: 201 { user, password? }
//   GET    /api/tenants/{tenant}/users/{userId}                 one user
//   PATCH  /api/tenants/{tenant}/users/{userId}                 name, role, language, agent, disabled (tenant: operator_admin)
//   POST   /api/tenants/{tenant}/users/{userId}/password        { password } or { generate: true }: 200 { user, password? }
//   DELETE /api/tenants/{tenant}/users/{userId}/second-factor   clear the TOTP secret and recovery codes
//   ... and the same under /api/staff/users (operator_admin of the staff only).
// A password is in an answer only when the app generated it, that once. A user of another
// tenant, or of the staff, is not found under a tenant's URL (404 user.not_found).
import type { ServerRoute } from '@hapi/hapi';
import { access } from '../auth/access.js';
import { parseRequest } from '../errors/validation.js';
import { actingOf } from './acting.js';
import { listAndCreate, placesOf, SMALL_BODY } from './places.js';
import { ChangeUserBody, CreateUserBody, PasswordResetBody, UserParams } from './schemas.js';
import type { UserService } from './user-service.js';

const PLACES = placesOf('users', 'user', 'userId');

export function userRoutes(service: UserService): ServerRoute[] {
  return PLACES.flatMap(({ base, scope, one, ...place }): ServerRoute[] => [
    ...listAndCreate({ base, scope, one, ...place }, service, CreateUserBody),
    {
      method: 'GET',
      path: `${base}/{userId}`,
      options: access(one),
      handler: (request) => service.get(scope(request), parseRequest(UserParams, request.params).userId),
    },
    {
      method: 'PATCH',
      path: `${base}/{userId}`,
      options: { ...access(one), payload: SMALL_BODY },
      handler: (request) => {
        const { userId } = parseRequest(UserParams, request.params);
        return service.change(scope(request), userId, parseRequest(ChangeUserBody, request.payload), actingOf(request));
      },
    },
    {
      method: 'POST',
      path: `${base}/{userId}/password`,
      options: { ...access(one), payload: SMALL_BODY },
      handler: (request) => {
        const { userId } = parseRequest(UserParams, request.params);
        return service.resetPassword(scope(request), userId, parseRequest(PasswordResetBody, request.payload), actingOf(request));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/{userId}/second-factor`,
      options: access(one),
      handler: (request) => service.resetSecondFactor(scope(request), parseRequest(UserParams, request.params).userId, actingOf(request)),
    },
  ]);
}
