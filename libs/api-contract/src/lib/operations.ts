import { openApiDocument } from '../generated/openapi-document';

export type EnclaveService = 'uploads' | 'sharing' | 'keys';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof METHODS)[number];

/** A JSON Schema as openapi.yaml writes it (`$ref`s still point at `#/components/schemas/…`). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ContractParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
  /** `x-secret: true` in the contract: the value is a credential and never reaches a log. */
  secret: boolean;
}

/** One operation of the contract: how gateways route it and what input it accepts. */
export interface ContractOperation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/users/{user_id}/files/{file_id}`. */
  path: string;
  service: EnclaveService;
  public: boolean;
  /** The first 2xx status the contract lists (what a success answers). */
  successStatus: number;
  /** Path and query parameters, path-level ones included, `$ref`s resolved. */
  parameters: ContractParameter[];
  /** The JSON request body, when the operation takes one. */
  requestBody?: { schema: JsonSchema; required: boolean };
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
  'x-secret'?: boolean;
}
type ParameterOrRef = ParameterObject | { $ref: string };

interface OperationObject {
  operationId?: string;
  'x-enclave-service'?: EnclaveService;
  security?: readonly unknown[];
  parameters?: readonly ParameterOrRef[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

interface DocumentLike {
  paths: object;
  components?: { parameters?: object };
}

/**
 * Every operation of the contract (openapi.yaml unless another document is given). This is the
 * one place that walks the document: the validator, the local gateway and the infra routes all
 * read it from here. An operation without an id or a service is a contract error, named.
 */
export function contractOperations(document: DocumentLike = openApiDocument): ContractOperation[] {
  if (document === openApiDocument) return (ownOperations ??= readOperations(document));
  return readOperations(document);
}

let ownOperations: ContractOperation[] | undefined;
let byId: Map<string, ContractOperation> | undefined;

/** One operation of openapi.yaml by its id; throws naming an id the contract lacks. */
export function contractOperation(operationId: string): ContractOperation {
  byId ??= new Map(contractOperations().map((o) => [o.operationId, o]));
  const operation = byId.get(operationId);
  if (!operation) throw new Error(`openapi.yaml has no operation ${operationId}`);
  return operation;
}

/** components/schemas of openapi.yaml, which operation schemas `$ref`. */
export function componentSchemas(): Readonly<Record<string, JsonSchema>> {
  return openApiDocument.components.schemas as unknown as Record<string, JsonSchema>;
}

function readOperations(document: DocumentLike): ContractOperation[] {
  const shared = (document.components?.parameters ?? {}) as Record<string, ParameterObject>;
  const resolve = (p: ParameterOrRef): ParameterObject =>
    '$ref' in p ? (shared[p.$ref.split('/').pop() as string] as ParameterObject) : p;
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const pathItem = item as Partial<Record<HttpMethod, OperationObject>> & {
      parameters?: readonly ParameterOrRef[];
    };
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      if (!operation.operationId || !operation['x-enclave-service']) {
        throw new Error(
          `${method.toUpperCase()} ${path} needs an operationId and x-enclave-service`,
        );
      }
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        service: operation['x-enclave-service'],
        public: Array.isArray(operation.security) && operation.security.length === 0,
        successStatus: Number(
          Object.keys(operation.responses ?? {}).find((s) => /^2\d\d$/.test(s)) ?? 200,
        ),
        parameters: [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
          .map(resolve)
          .filter((p): p is ParameterObject & { in: 'path' | 'query' } =>
            ['path', 'query'].includes(p.in),
          )
          .map((p) => ({
            name: p.name,
            in: p.in,
            required: !!p.required,
            schema: p.schema,
            secret: p['x-secret'] === true,
          })),
        ...(body
          ? { requestBody: { schema: body, required: !!operation.requestBody?.required } }
          : {}),
      });
    }
  }
  return operations;
}

let secretPaths: { pattern: RegExp; template: string }[] | undefined;

/**
 * A request path as logs may show it: without its query, and with every path parameter the
 * contract marks `x-secret` (share tokens) replaced by its name, e.g. `/v1/shares/{token}`.
 */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  secretPaths ??= contractOperations()
    .filter((o) => o.parameters.some((p) => p.in === 'path' && p.secret))
    .map((o) => ({
      template: o.path,
      pattern: new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
    }));
  const secret = secretPaths.find((s) => s.pattern.test(path));
  if (!secret) return path;
  const secretNames = new Set(
    contractOperations()
      .filter((o) => o.path === secret.template)
      .flatMap((o) => o.parameters.filter((p) => p.secret).map((p) => p.name)),
  );
  const actual = path.split('/');
  return secret.template
    .split('/')
    .map((segment, i) => (secretNames.has(segment.slice(1, -1)) ? segment : actual[i]))
    .join('/');
}
