// The one place errors become responses (an onPreResponse extension). Every error answers the
// same JSON shape: { error: { id, message, details }, requestId }.
// - DomainError: its status, id, details and headers.
// - zod validation failures (ValidationError, or a raw ZodError from a handler): 400 with each field.
// - hapi's own 4xx (unknown route, body too large, bad media type): their status, an id from it.
// - anything else is a system error: logged with the request id and stack, answered 500 with
//   no internals.
import type { Plugin, Request, ResponseToolkit } from '@hapi/hapi';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { DomainError, type ErrorDetails } from './domain.js';
import { fieldProblems } from './validation.js';

export interface ErrorBody {
  error: { id: string; message: string; details: ErrorDetails };
  requestId: string;
}

/** Ids for the errors hapi raises itself, by status. */
const HAPI_IDS: Record<number, string> = {
  400: 'request.bad',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'route.not_found',
  405: 'route.method_not_allowed',
  408: 'request.timeout',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
};

function reply(h: ResponseToolkit, request: Request, status: number, id: string, message: string, details: ErrorDetails = {}) {
  const body: ErrorBody = { error: { id, message, details }, requestId: request.info.id };
  return h.response(body).code(status);
}

export const errorsPlugin: Plugin<{ log: Logger }> = {
  name: 'ccapp-errors',
  register(server, { log }) {
    server.ext('onPreResponse', (request, h) => {
      const response = request.response;
      if (!(response instanceof Error)) return h.continue;

      if (response instanceof DomainError) {
        const r = reply(h, request, response.status, response.id, response.message, response.details);
        for (const [name, value] of Object.entries(response.headers)) r.header(name, value);
        return r;
      }
      if (response instanceof z.core.$ZodError) {
        const fields = fieldProblems(response);
        return reply(h, request, 400, 'request.invalid', 'invalid request', { fields });
      }
      const status = response.output.statusCode;
      if (status >= 500) {
        log.error({ err: response, requestId: request.info.id, method: request.method, path: request.path }, 'request failed');
        return reply(h, request, status === 503 ? 503 : 500, 'internal', 'internal server error');
      }
      const r = reply(h, request, status, HAPI_IDS[status] ?? `http.${status}`, response.output.payload.message);
      for (const [name, value] of Object.entries(response.output.headers)) {
        if (value !== undefined) r.header(name, String(value));
      }
      return r;
    });
  },
};
