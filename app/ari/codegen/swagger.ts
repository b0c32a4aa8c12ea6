// The shape of Asterisk's ARI API description (Swagger 1.1/1.2 as Asterisk ships it under
// /usr/share/asterisk/rest-api/ and serves at /ari/api-docs/). Only what the generator reads.

export interface SwaggerProperty {
  type: string;
  description?: string;
  required?: boolean;
  allowableValues?: AllowableValues;
}

export interface AllowableValues {
  valueType: 'LIST' | 'RANGE';
  values?: string[];
}

export interface SwaggerModel {
  id: string;
  description?: string;
  properties: Record<string, SwaggerProperty>;
  subTypes?: string[];
  discriminator?: string;
}

export interface SwaggerParameter {
  name: string;
  description?: string;
  paramType: 'path' | 'query' | 'body' | 'header';
  required?: boolean;
  allowMultiple?: boolean;
  dataType: string;
  allowableValues?: AllowableValues;
}

export interface SwaggerOperation {
  httpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  summary?: string;
  responseClass: string;
  upgrade?: string;
  parameters?: SwaggerParameter[];
  errorResponses?: { code: number; reason: string }[];
}

export interface SwaggerApi {
  path: string;
  description?: string;
  operations: SwaggerOperation[];
}

export interface SwaggerResource {
  resourcePath: string;
  apis: SwaggerApi[];
  models?: Record<string, SwaggerModel>;
}

/** The resource name of a file: "/api-docs/channels.{format}" -> "channels". */
export function resourceName(resource: SwaggerResource): string {
  const m = /\/api-docs\/([A-Za-z]+)\.\{format\}$/.exec(resource.resourcePath);
  if (!m?.[1]) throw new Error(`unexpected resourcePath ${resource.resourcePath}`);
  return m[1];
}
