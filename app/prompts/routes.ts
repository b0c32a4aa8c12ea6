// The prompts API: thin handlers that authorise, validate, call the service and present.
//   POST /api/tenants/{tenant}/prompts/{name}/{language}                    upload (editors)
//   GET  /api/tenants/{tenant}/prompts                                      list (listeners)
//   POST /api/tenants/{tenant}/prompts/{name}/{language}/versions/{version}/activate  (editors)
//   GET  /api/tenants/{tenant}/prompts/{name}/{language}/versions/{version}/audio     (listeners)
import type { Request, ServerRoute } from '@hapi/hapi';
import { identityOf } from '../auth/credentials.js';
import type { Role } from '../auth/roles.js';
import { authoriseTenant, type TenantLookup, type TenantRef } from '../auth/tenant-access.js';
import { parseRequest } from '../errors/validation.js';
import { presentPrompts, presentVersion } from './presenter.js';
import { PROMPT_EDITORS, PROMPT_LISTENERS, TenantParams, UploadRequest, VersionRequest } from './schemas.js';
import type { PromptService } from './service.js';

export interface PromptRoutesDeps {
  service: PromptService;
  lookup: TenantLookup;
  maxBytes: number;
}

const PROMPT = '/api/tenants/{tenant}/prompts/{name}/{language}';

export function promptRoutes({ service, lookup, maxBytes }: PromptRoutesDeps): ServerRoute[] {
  /** Tenant (404), then token's tenant (403), then role (403): before the rest is validated. */
  const authorise = (request: Request, roles: readonly Role[], action: string): Promise<TenantRef> => {
    const { tenant } = parseRequest(TenantParams, request.params);
    return authoriseTenant(identityOf(request), tenant, lookup, roles, action);
  };

  return [
    {
      method: 'POST',
      path: PROMPT,
      // The raw bytes, up to the limit; two minutes to send 10 MiB over a slow link.
      options: { payload: { parse: false, output: 'data', maxBytes, timeout: 120_000 } },
      handler: async (request, h) => {
        const tenant = await authorise(request, PROMPT_EDITORS, 'upload prompts');
        const { params, query } = parseRequest(UploadRequest, { params: request.params, query: request.query });
        const contentType: unknown = request.headers['content-type'];
        const version = await service.upload({
          tenant, name: params.name, language: params.language, activate: query.activate, tokenId: identityOf(request).tokenId,
          contentType: typeof contentType === 'string' ? contentType : undefined,
          body: Buffer.isBuffer(request.payload) ? request.payload : Buffer.alloc(0),
        });
        return h.response(presentVersion(tenant.slug, version)).code(201);
      },
    },
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/prompts',
      handler: async (request) => {
        const tenant = await authorise(request, PROMPT_LISTENERS, 'list prompts');
        return presentPrompts(tenant.slug, await service.list(tenant));
      },
    },
    {
      method: 'POST',
      path: `${PROMPT}/versions/{version}/activate`,
      handler: async (request) => {
        const tenant = await authorise(request, PROMPT_EDITORS, 'activate prompts');
        const { params } = parseRequest(VersionRequest, { params: request.params });
        return presentVersion(tenant.slug, await service.activate({ ...params, tenant }, params.version));
      },
    },
    {
      method: 'GET',
      path: `${PROMPT}/versions/{version}/audio`,
      handler: async (request, h) => {
        const tenant = await authorise(request, PROMPT_LISTENERS, 'listen to prompts');
        const { params } = parseRequest(VersionRequest, { params: request.params });
        const { row, wav } = await service.audio({ ...params, tenant }, params.version);
        return h.response(wav).type('audio/wav')
          .header('Content-Disposition', `inline; filename="${row.name}-${row.language}-v${row.version}.wav"`);
      },
    },
  ];
}
