// Turns the parsed API description into TypeScript source: one interface per model, the
// event union discriminated by `type`, and a table of operations with typed parameters.
import type { AllowableValues, SwaggerModel, SwaggerResource } from './swagger.js';
import { resourceName } from './swagger.js';

const PRIMITIVES: Record<string, string> = {
  string: 'string', int: 'number', long: 'number', double: 'number', boolean: 'boolean',
  Date: 'string', object: 'Record<string, unknown>', containers: 'Record<string, string>',
  void: 'void', binary: 'ArrayBuffer',
};

/**
 * Body parameters whose declared type contradicts what Asterisk reads: the push-configuration
 * `fields` is declared `containers` (a map) but documented, and parsed, as a list of ConfigTuples.
 */
const PARAM_TYPE_FIXES: Record<string, string> = {
  'asterisk.updateObject fields': 'ConfigTuple[]',
};

export function tsType(swaggerType: string, allowable?: AllowableValues): string {
  const list = /^List\[(.+)\]$/.exec(swaggerType);
  if (list?.[1]) return `${tsType(list[1])}[]`;
  if (allowable?.valueType === 'LIST' && allowable.values?.length) {
    return allowable.values.map((v) => JSON.stringify(v)).join(' | ');
  }
  return PRIMITIVES[swaggerType] ?? swaggerType;
}

function doc(text: string | undefined, indent = ''): string {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n`;
}

function propName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function emitModel(model: SwaggerModel, parent: SwaggerModel | undefined): string {
  const ext = parent ? ` extends ${parent.id}` : '';
  const lines = Object.entries(model.properties).map(([name, p]) =>
    `${doc(p.description, '  ')}  ${propName(name)}${p.required ? '' : '?'}: ${tsType(p.type, p.allowableValues)};`);
  // Only leaves carry their own name as discriminator; abstract parents (Event) keep `string`.
  if (parent?.discriminator && !model.subTypes?.length) lines.unshift(`  ${parent.discriminator}: ${JSON.stringify(model.id)};`);
  return `${doc(model.description)}export interface ${model.id}${ext} {\n${lines.join('\n')}\n}\n`;
}

export function emitModels(resources: SwaggerResource[]): string {
  const models = new Map<string, SwaggerModel>();
  for (const r of resources) for (const m of Object.values(r.models ?? {})) models.set(m.id, m);
  const parentOf = new Map<string, SwaggerModel>();
  for (const m of models.values()) for (const sub of m.subTypes ?? []) parentOf.set(sub, m);
  // Subtypes inherit the discriminator of their root (Event extends Message, which has `type`).
  const root = (m: SwaggerModel): SwaggerModel => { const p = parentOf.get(m.id); return p ? root(p) : m; };
  const out: string[] = [];
  for (const m of [...models.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const parent = parentOf.get(m.id);
    const disc = root(m).discriminator;
    const withDisc = parent && disc && !parent.discriminator ? { ...parent, discriminator: disc } : parent;
    out.push(emitModel(m, withDisc));
  }
  const events = [...models.values()].filter((m) => parentOf.get(m.id)?.id === 'Event').map((m) => m.id).sort();
  out.push(`/** Every event Asterisk sends on the events WebSocket. */\nexport type AriEvent =\n${events.map((e) => `  | ${e}`).join('\n')};\n`);
  out.push(`export type AriEventType = AriEvent['type'];\n`);
  return out.join('\n');
}

export function emitOperations(resources: SwaggerResource[]): string {
  const types: string[] = [];
  const table: string[] = [];
  for (const r of resources) {
    const res = resourceName(r);
    for (const api of r.apis) {
      for (const op of api.operations) {
        if (op.upgrade) continue; // the events WebSocket is handled by the event stream, not a call
        const key = `${res}.${op.nickname}`;
        const params = op.parameters ?? [];
        const fields = params.map((p) => {
          const t = PARAM_TYPE_FIXES[`${key} ${p.name}`] ?? tsType(p.dataType, p.allowableValues);
          const multi = p.allowMultiple ? ` | ${t.includes('|') ? `(${t})` : t}[]` : '';
          return `${doc(p.description, '      ')}      ${propName(p.name)}${p.required ? '' : '?'}: ${t}${multi};`;
        });
        const paramsType = fields.length ? `{\n${fields.join('\n')}\n    }` : 'Record<string, never>';
        types.push(`${doc(op.summary, '  ')}  ${JSON.stringify(key)}: {\n    params: ${paramsType};\n    result: ${tsType(op.responseClass)};\n  };`);
        const spec = {
          method: op.httpMethod, path: api.path,
          path_: params.filter((p) => p.paramType === 'path').map((p) => p.name),
          query: params.filter((p) => p.paramType === 'query').map((p) => p.name),
          body: params.filter((p) => p.paramType === 'body').map((p) => p.name),
        };
        table.push(`  ${JSON.stringify(key)}: { method: '${spec.method}', path: '${spec.path}', pathParams: ${JSON.stringify(spec.path_)}, queryParams: ${JSON.stringify(spec.query)}, bodyParams: ${JSON.stringify(spec.body)} },`);
      }
    }
  }
  return [
    `export interface AriOperations {\n${types.join('\n')}\n}\n`,
    `export type AriOperation = keyof AriOperations;\n`,
    `export interface OperationSpec {\n  method: 'GET' | 'POST' | 'PUT' | 'DELETE';\n  path: string;\n  pathParams: readonly string[];\n  queryParams: readonly string[];\n  bodyParams: readonly string[];\n}\n`,
    `export const operations: Record<AriOperation, OperationSpec> = {\n${table.join('\n')}\n};\n`,
  ].join('\n');
}
