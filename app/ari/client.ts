// A typed ARI REST client: every operation Asterisk describes is callable by name with its
// parameters checked by the compiler (see codegen/). Path, query and body parameters are placed
// as the API description says. Requests go through one bounded pool of keep-alive connections
// (undici): Asterisk's HTTP server accepts a fixed number of sessions (http.conf `sessionlimit`,
// rendered from ARI_MAX_CONNECTIONS), and a burst of calls must queue here, not be refused there.
import { Pool } from 'undici';
import type { AriOperation, AriOperations, OperationSpec } from './generated/ari.js';
import { operations } from './generated/ari.js';
import { AriHttpError, AriUnreachableError } from './errors.js';
import { ARI_MAX_CONNECTIONS } from './limits.js';

export interface AriEndpoint {
  /** e.g. http://127.0.0.1:8088 */
  baseUrl: string;
  username: string;
  password: string;
  /** Per-request limit, so a stuck Asterisk cannot stall a call flow forever. */
  requestTimeoutMs?: number;
}

/** Told of every request when it ends: the operation and its HTTP status (0 when Asterisk was unreachable). */
export type AriObserver = (operation: string, status: number) => void;

export type Params<K extends AriOperation> = AriOperations[K]['params'];
export type Result<K extends AriOperation> = AriOperations[K]['result'];

function encodeValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/**
 * Operations whose one body parameter is the whole body, not a key in it: Asterisk reads the event
 * filter's `allowed` and `disallowed` at the top of the body (a `{"filter": ...}` body is taken as
 * an empty filter), where a channel's `variables` are a key of the body.
 */
const WHOLE_BODY: ReadonlySet<string> = new Set(['/applications/{applicationName}/eventFilter']);

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
  const [only] = bodyEntries;
  if (WHOLE_BODY.has(spec.path) && bodyEntries.length === 1 && only) return { path, query, body: JSON.stringify(only[1]) };
  return bodyEntries.length ? { path, query, body: JSON.stringify(Object.fromEntries(bodyEntries)) } : { path, query };
}

export class AriClient {
  private readonly auth: string;
  private readonly pool: Pool;
  private inFlight = 0;

  constructor(private readonly endpoint: AriEndpoint, private readonly observe?: AriObserver) {
    this.auth = 'Basic ' + Buffer.from(`${endpoint.username}:${endpoint.password}`).toString('base64');
    // Asterisk closes an idle session after http.conf's session_keep_alive (15 s by default): ours go first.
    this.pool = new Pool(endpoint.baseUrl, { connections: ARI_MAX_CONNECTIONS, keepAliveTimeout: 4000, keepAliveMaxTimeout: 10_000, pipelining: 1 });
  }

  /** Requests sent and not yet answered (queued in the pool included): the app's own measure of Asterisk's backlog. */
  get pending(): number {
    return this.inFlight;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  async call<K extends AriOperation>(operation: K, params: Params<K>): Promise<Result<K>> {
    const spec = operations[operation];
    const req = buildRequest(spec, params);
    const qs = req.query.toString();
    const timeout = this.endpoint.requestTimeoutMs ?? 5000;
    let status = 0;
    let text: string;
    this.inFlight++;
    try {
      const res = await this.pool.request({
        path: `/ari${req.path}${qs ? `?${qs}` : ''}`,
        method: spec.method,
        headers: { authorization: this.auth, ...(req.body ? { 'content-type': 'application/json' } : {}) },
        body: req.body ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new AriUnreachableError(operation, err);
    } finally {
      this.inFlight--;
      this.observe?.(operation, status);
    }
    if (status < 200 || status >= 300) {
      let detail = text;
      try { detail = (JSON.parse(text) as { message?: string }).message ?? text; } catch { /* plain text body */ }
      throw new AriHttpError(operation, status, detail);
    }
    return (text ? JSON.parse(text) : undefined) as Result<K>;
  }
}
