// Headers every response carries, pages and API alike, errors included (so this runs after the
// errors plugin has made its JSON): Strict-Transport-Security when the request came over TLS
// (browsers ignore it over plain HTTP, and the loopback port is not theirs), nosniff, and
// `Cache-Control: no-store` for whatever did not choose its own caching (the API's JSON: nothing
// a session sees is kept by a browser or a proxy). The pages set their own (pages.ts).
import type { Plugin, Request } from '@hapi/hapi';
import type { TLSSocket } from 'node:tls';

export const HSTS = 'max-age=31536000';

/** Whether the request arrived over TLS (hapi's request.url says http: the loopback listener is hapi's own). */
export function overTls(request: Request): boolean {
  return (request.raw.req.socket as Partial<TLSSocket> | null)?.encrypted === true;
}

export const webHeadersPlugin: Plugin<void> = {
  name: 'ccapp-web-headers',
  register(server) {
    server.ext('onPreResponse', (request, h) => {
      const response = request.response;
      const current = response instanceof Error ? response.output.headers : response.headers;
      const add: [string, string][] = [['x-content-type-options', 'nosniff']];
      if (overTls(request)) add.push(['strict-transport-security', HSTS]);
      if (current['cache-control'] === undefined) add.push(['cache-control', 'no-store']);
      for (const [name, value] of add) {
        if (response instanceof Error) response.output.headers[name] = value;
        else response.header(name, value);
      }
      return h.continue;
    }, { after: ['ccapp-errors'] });
  },
};
