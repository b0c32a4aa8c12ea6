// The machines' API tokens API, for a tenant's tokens and for the outsourcer's own (no tenant):
//   GET    /api/tenants/{tenant}/tokens               list, revoked ones too (tenant_admin of the tenant, operator_admin)
//   POST   /api/tenants/{tenant}/tokens               { name, role, agent? }: 201 { token, secret } (the secret shown once)
//   DELETE /api/tenants/{tenant}/tokens/{tokenId}     revoke: 204 (again: 204)
//   ... and the same under /api/staff/tokens (operator_admin of the staff only).
// A token's secret is in no other answer; its hash in none.
import type { ServerRoute } from '@hapi/hapi';
import { access } from '../auth/access.js';
import { parseRequest } from '../errors/validation.js';
import { actingOf } from './acting.js';
import { listAndCreate, placesOf } from './places.js';
import { CreateTokenBody, TokenParams } from './schemas.js';
import type { TokenService } from './token-service.js';

const PLACES = placesOf('tokens', 'token', 'tokenId');

export function tokenRoutes(service: TokenService): ServerRoute[] {
  return PLACES.flatMap((place): ServerRoute[] => [
    ...listAndCreate(place, service, CreateTokenBody),
    {
      method: 'DELETE',
      path: `${place.base}/{tokenId}`,
      options: access(place.one),
      handler: async (request, h) => {
        await service.revoke(place.scope(request), parseRequest(TokenParams, request.params).tokenId, actingOf(request));
        return h.response().code(204);
      },
    },
  ]);
}
