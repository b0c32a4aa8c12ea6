// A typed ARI REST client: every operation Asterisk describes is callable by name with its
// parameters checked by the compiler (see codegen/). Path, query and body parameters are placed
// as the API description says.
import type { AriOperation, AriOperations, OperationSpec } from './generated/ari.js';
import { operations } from './generated/ari.js';
import { AriHttpError, AriUnreachableError } from './errors.js';

export interface AriEndpoint {
  /** e.g. http://127.0.0.1:8088 */
  baseUrl: string;
  username: string;
  password: string;
  /** Per-request limit, so a stuck Asterisk cannot stall a call flow forever. */
  requestTimeoutMs?: number;
}

export type Params<K extends AriOperation> = AriOperations[K]['params'];
export type Result<K extends AriOperation> = AriOperations[K]['result'];

function encodeValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/** Builds the URL and body of one operation; exported for unit tests. */
export function buildRequest(spec: OperationSpec, params: Record<string, unknown>): { path: string; query: URLSearchParams; body?: string } {
  let path = spec.path;
  for (const name of spec.pathParams) {
    const value = params[name];
    if (value === undefined || value === '') throw new TypeError(`missing path parameter ${name} for ${spec.path}`);
    path = path.replace(`{${name}}`, encodeURIComponent(encodeValue(value)));
  }
  const query = new URLSearchParams();
  for (const name of spec.queryParams) {
    const value = params[name];
    if (value !== undefined) query.set(name, encodeValue(value));
  }
  const bodyEntries = spec.bodyParams.filter((n) => params[n] !== undefined).map((n) => [n, params[n]] as const);
  return bodyEntries.length ? { path, query, body: JSON.stringify(Object.fromEntries(bodyEntries)) } : { path, query };
}

export class AriClient {
  private readonly auth: string;

  constructor(private readonly endpoint: AriEndpoint) {
    this.auth = 'Basic ' + Buffer.from(`${endpoint.username}:${endpoint.password}`).toString('base64');
  }

  async call<K extends AriOperation>(operation: K, params: Params<K>): Promise<Result<K>> {
    const spec = operations[operation];
    const req = buildRequest(spec, params);
    const qs = req.query.toString();
    const url = `${this.endpoint.baseUrl}/ari${req.path}${qs ? `?${qs}` : ''}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: spec.method,
        headers: { authorization: this.auth, ...(req.body ? { 'content-type': 'application/json' } : {}) },
        body: req.body ?? null,
        signal: AbortSignal.timeout(this.endpoint.requestTimeoutMs ?? 5000),
      });
    } catch (err) {
      throw new AriUnreachableError(operation, err);
    }
    const text = await res.text();
    if (!res.ok) {
      let detail = text;
      try { detail = (JSON.parse(text) as { message?: string }).message ?? text; } catch { /* plain text body */ }
      throw new AriHttpError(operation, res.status, detail);
    }
    return (text ? JSON.parse(text) : undefined) as Result<K>;
  }
}
