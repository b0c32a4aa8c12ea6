// Environment overrides, the last layer of configuration. Each variable maps to one field.
export const ENV_OVERRIDES: Record<string, { file: 'settings' | 'secrets'; path: string[]; type: 'string' | 'number' }> = {
  CCAPP_HTTP_HOST: { file: 'settings', path: ['http', 'host'], type: 'string' },
  CCAPP_HTTP_PORT: { file: 'settings', path: ['http', 'port'], type: 'number' },
  CCAPP_DB_HOST: { file: 'settings', path: ['db', 'host'], type: 'string' },
  CCAPP_DB_PORT: { file: 'settings', path: ['db', 'port'], type: 'number' },
  CCAPP_DB_NAME: { file: 'settings', path: ['db', 'database'], type: 'string' },
  CCAPP_DB_USER: { file: 'settings', path: ['db', 'user'], type: 'string' },
  CCAPP_LOG_LEVEL: { file: 'settings', path: ['log', 'level'], type: 'string' },
  CCAPP_DB_PASSWORD: { file: 'secrets', path: ['dbPassword'], type: 'string' },
  CCAPP_ARI_PASSWORD: { file: 'secrets', path: ['ariPassword'], type: 'string' },
  CCAPP_AUTH_KEY: { file: 'secrets', path: ['authKey'], type: 'string' },
};

type Json = Record<string, unknown>;

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] as string] = value;
}

/** Applies CCAPP_* variables onto the parsed files; a non-numeric port is left for the schema to refuse. */
export function applyEnv(settings: Json, secrets: Json, env: NodeJS.ProcessEnv): void {
  for (const [name, o] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = o.type === 'number' && /^\d+$/.test(raw) ? Number(raw) : raw;
    setPath(o.file === 'settings' ? settings : secrets, o.path, value);
  }
}
