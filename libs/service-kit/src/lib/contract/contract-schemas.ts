import { openApiDocument } from '@enclave/api-contract';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const SCHEMA_ID = 'enclave';

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Json;
}

interface OperationObject {
  operationId: string;
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, unknown>;
}

/** The JSON Schemas one operation's input must satisfy, as the contract states them. */
export interface OperationSchemas {
  operationId: string;
  method: string;
  path: string;
  successStatus: number;
  params: Json;
  query: Json;
  body?: { schema: Json; required: boolean };
}

/** components/schemas as one JSON Schema document whose `$defs` the operations point into. */
export function componentsSchema(): Json {
  return rewriteRefs({
    $id: SCHEMA_ID,
    $defs: openApiDocument.components.schemas as unknown as Json,
  });
}

/** Per operation: the schemas of its path parameters, query parameters and JSON body. */
export function operationSchemas(): Map<string, OperationSchemas> {
  const parameters = openApiDocument.components.parameters as unknown as Record<
    string,
    ParameterObject
  >;
  const resolve = (p: ParameterObject | { $ref: string }): ParameterObject =>
    '$ref' in p ? parameters[p.$ref.split('/').pop() as string] : p;
  const result = new Map<string, OperationSchemas>();
  for (const [path, item] of Object.entries(openApiDocument.paths)) {
    const pathItem = item as unknown as Record<string, unknown>;
    const shared = (pathItem['parameters'] as ParameterObject[] | undefined) ?? [];
    for (const [method, value] of Object.entries(pathItem)) {
      if (method === 'parameters') continue;
      const operation = value as OperationObject;
      const all = [...shared, ...(operation.parameters ?? [])].map(resolve);
      const jsonBody = operation.requestBody?.content['application/json'];
      result.set(operation.operationId, {
        operationId: operation.operationId,
        method,
        path,
        successStatus: Number(
          Object.keys(operation.responses).find((s) => /^2\d\d$/.test(s)) ?? 200,
        ),
        params: rewriteRefs(objectOf(all.filter((p) => p.in === 'path'))),
        query: rewriteRefs(objectOf(all.filter((p) => p.in === 'query'))),
        body: jsonBody && {
          schema: rewriteRefs(jsonBody.schema),
          required: operation.requestBody?.required ?? false,
        },
      });
    }
  }
  return result;
}

function objectOf(parameters: ParameterObject[]): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/** `#/components/schemas/X` → `enclave#/$defs/X`, so every operation shares one compiled set. */
function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string'
          ? [key, inner.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`)]
          : [key, rewriteRefs(inner)],
      ),
    );
  }
  return value;
}
