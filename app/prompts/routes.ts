// The prompts API: thin handlers that authorise, validate, call the service and present.
//   POST /api/tenants/{tenant}/prompts/{name}/{language}                    upload (editors)
//   GET  /api/tenants/{tenant}/prompts                                      list (listeners)
//   POST /api/tenants/{tenant}/prompts/{name}/{language}/versions/{version}/activate  (editors)
//   GET  /api/tenants/{tenant}/prompts/{name}/{language}/versions/{version}/audio     (listeners)
import type { ServerRoute } from '@hapi/hapi';
import { access, tenantOf } from '../auth/access.js';
import { authorOf, identityOf } from '../auth/credentials.js';
import { parseRequest } from '../errors/validation.js';
import { presentPrompts, presentVersion } from './presenter.js';
import { PROMPT_EDITORS, PROMPT_LISTENERS, UploadRequest, VersionRequest } from './schemas.js';
import type { PromptService } from './service.js';

export interface PromptRoutesDeps {
  service: PromptService;
  maxBytes: number;
}

const PROMPT = '/api/tenants/{tenant}/prompts/{name}/{language}';

// Who may call each route is checked (access.ts) before the rest of the request is validated.
export function promptRoutes({ service, maxBytes }: PromptRoutesDeps): ServerRoute[] {

  return [
    {
      method: 'POST',
      path: PROMPT,
      // The raw bytes, up to the limit; two minutes to send 10 MiB over a slow link.
      options: { payload: { parse: false, output: 'data', maxBytes, timeout: 120_000 }, ...access({ roles: PROMPT_EDITORS }) },
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const { params, query } = parseRequest(UploadRequest, { params: request.params, query: request.query });
        const contentType: unknown = request.headers['content-type'];
        const version = await service.upload({
          tenant, name: params.name, language: params.language, activate: query.activate, author: authorOf(identityOf(request)),
          contentType: typeof contentType === 'string' ? contentType : undefined,
          body: Buffer.isBuffer(request.payload) ? request.payload : Buffer.alloc(0),
        });
        return h.response(presentVersion(tenant.slug, version)).code(201);
      },
    },
    {
      method: 'GET',
      path: '/api/tenants/{tenant}/prompts',
      options: access({ roles: PROMPT_LISTENERS }),
      handler: async (request) => {
        const tenant = tenantOf(request);
        return presentPrompts(tenant.slug, await service.list(tenant));
      },
    },
    {
      method: 'POST',
      path: `${PROMPT}/versions/{version}/activate`,
      options: access({ roles: PROMPT_EDITORS }),
      handler: async (request) => {
        const tenant = tenantOf(request);
        const { params } = parseRequest(VersionRequest, { params: request.params });
        return presentVersion(tenant.slug, await service.activate({ ...params, tenant }, params.version));
      },
    },
    {
      method: 'GET',
      path: `${PROMPT}/versions/{version}/audio`,
      options: access({ roles: PROMPT_LISTENERS }),
      handler: async (request, h) => {
        const tenant = tenantOf(request);
        const { params } = parseRequest(VersionRequest, { params: request.params });
        const { row, wav } = await service.audio({ ...params, tenant }, params.version);
        return h.response(wav).type('audio/wav')
          .header('Content-Disposition', `inline; filename="${row.name}-${row.language}-v${row.version}.wav"`);
      },
    },
  ];
}
