import { componentSchemas, type ContractOperation, type JsonSchema } from '@enclave/api-contract';

export const SCHEMA_ID = 'enclave';

/** The JSON Schemas one operation's input must satisfy, in the form Ajv compiles. */
export interface OperationSchemas {
  params: JsonSchema;
  query: JsonSchema;
  body?: { schema: JsonSchema; required: boolean };
}

/** components/schemas as one JSON Schema document whose `$defs` the operations point into. */
export function componentsSchema(): JsonSchema {
  return rewriteRefs({ $id: SCHEMA_ID, $defs: componentSchemas() }) as JsonSchema;
}

/** An operation's path parameters, query parameters and body as schemas (the contract reads them). */
export function operationSchemas(operation: ContractOperation): OperationSchemas {
  const objectOf = (location: 'path' | 'query'): JsonSchema => {
    const parameters = operation.parameters.filter((p) => p.in === location);
    return rewriteRefs({
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    }) as JsonSchema;
  };
  return {
    params: objectOf('path'),
    query: objectOf('query'),
    ...(operation.requestBody
      ? {
          body: {
            schema: rewriteRefs(operation.requestBody.schema) as JsonSchema,
            required: operation.requestBody.required,
          },
        }
      : {}),
  };
}

/** `#/components/schemas/X` → `enclave#/$defs/X`, so every operation shares one compiled set. */
function rewriteRefs(value: unknown): unknown {
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
