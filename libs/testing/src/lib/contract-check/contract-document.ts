import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface Reference {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: string;
  'x-secret'?: boolean;
}

export interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: (ParameterObject | Reference)[];
  responses?: Record<string, ResponseObject | Reference>;
}

/** The parts of an OpenAPI 3.1 document the response checker reads. */
export interface ContractDocument {
  /** Path template → path item (`parameters` and one OperationObject per method). */
  paths: Record<string, Record<string, unknown>>;
  components?: {
    responses?: Record<string, ResponseObject>;
    parameters?: Record<string, ParameterObject>;
    schemas?: Record<string, unknown>;
  };
}

/**
 * openapi.yaml read from the workspace root, not the generated copy in @enclave/api-contract that
 * the services validate with: the checker is meant to catch what that copy and its validator miss.
 */
export function readContractDocument(file = contractFile()): ContractDocument {
  return parse(readFileSync(file, 'utf8')) as ContractDocument;
}

/** openapi.yaml in the nearest folder up from here (sources or a bundle) that holds nx.json. */
function contractFile(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return path.join(dir, 'openapi.yaml');
    if (path.dirname(dir) === dir) return path.join(process.cwd(), 'openapi.yaml');
  }
}

/** The object a local `#/components/<kind>/<name>` reference names, or the object itself. */
export function resolveLocal<T>(document: ContractDocument, value: T | Reference): T {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value as T;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      document,
    );
  if (target === undefined) throw new Error(`openapi.yaml: ${value.$ref} does not exist`);
  return target as T;
}
