// The panel's pages: the single-page app Vite builds into web/dist (config paths.web), served by
// the app itself (no other web server on the appliance). index.html answers `/` and every other
// GET path outside /api and /assets, so the app's own paths (/login, /panel) survive a reload;
// it is never cached (`no-cache`: revalidated with its ETag), while /assets/ holds only files
// with a hash in their name, cached for a year. The other files at the top of web/dist (the
// favicon) are served under their name. Pages carry a strict Content-Security-Policy, which the
// build respects (web/vite.config.ts: no inline script or style, no data: URL, no external URL).
// Every route here is public (`auth: false`, listed in PUBLIC_PATHS in app/auth/plugin.ts):
// the page asks the API who is logged in.
import { readdir } from 'node:fs/promises';
import Inert from '@hapi/inert';
import type { Plugin, ResponseObject } from '@hapi/hapi';
import { NotFoundError } from '../errors/domain.js';
import type { Logger } from '../log/logger.js';

export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
].join('; ');
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface PagesOptions {
  /** The built app: index.html, assets/ and a few files such as favicon.svg. */
  root: string;
  log: Logger;
}

function page(response: ResponseObject, cacheControl: string): ResponseObject {
  return response
    .header('content-security-policy', PAGE_CSP)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', cacheControl);
}

/** Files at the top of the build, index.html aside; none when the app was not built. */
async function topFiles(root: string, log: Logger): Promise<Set<string>> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    if (!entries.some((e) => e.name === 'index.html')) throw new Error('no index.html');
    return new Set(entries.filter((e) => e.isFile() && e.name !== 'index.html').map((e) => e.name));
  } catch (err) {
    log.warn({ root, err: String(err) }, 'the panel is not built there (npm run build:web): its pages answer 404');
    return new Set();
  }
}

export const pagesPlugin: Plugin<PagesOptions> = {
  name: 'ccapp-pages',
  async register(server, { root, log }) {
    await server.register(Inert, { once: true });
    const files = await topFiles(root, log);
    const notFound = (): never => { throw new NotFoundError('route.not_found', 'Not Found'); };
    server.route({
      method: 'GET',
      path: '/assets/{file*}',
      options: { auth: false, files: { relativeTo: root } },
      handler: (request, h) => {
        const file = (request.params as { file?: string }).file;
        return file ? page(h.file(`assets/${file}`), IMMUTABLE) : notFound();
      },
    });
    server.route({
      method: 'GET',
      path: '/{path*}',
      options: { auth: false, files: { relativeTo: root } },
      handler: (request, h) => {
        const path = (request.params as { path?: string }).path ?? '';
        if (path === 'api' || path.startsWith('api/')) return notFound();
        return page(h.file(files.has(path) ? path : 'index.html'), 'no-cache');
      },
    });
  },
};
