import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ProblemException, type ProblemFieldError } from '../problem';
import { componentsSchema, type OperationSchemas, operationSchemas } from './contract-schemas';
import { toFieldErrors } from './error-messages';

export interface RequestInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Whether the request carried a body at all (a JSON body or any bytes). */
  hasBody: boolean;
}

export interface ValidInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

interface CompiledOperation {
  schemas: OperationSchemas;
  params: ValidateFunction;
  query: ValidateFunction;
  body?: ValidateFunction;
}

function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    useDefaults: true,
    coerceTypes,
    strict: true,
    strictRequired: false,
    // OpenAPI 3.1 allows `x-` annotations and a few keywords of its own inside schemas.
    keywords: ['x-pattern-message', 'example', 'discriminator', 'xml', 'externalDocs'],
  });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'x-max-utf8-bytes',
    type: 'string',
    schemaType: 'number',
    // S3 limits keys in bytes, not characters.
    validate: (max: number, data: string) => Buffer.byteLength(data, 'utf8') <= max,
  });
  ajv.addSchema(componentsSchema() as object);
  return ajv;
}

/** Validates requests against openapi.yaml: the contract is the one source of input rules. */
export class ContractValidator {
  private readonly operations = new Map<string, CompiledOperation>();

  constructor() {
    // Path and query values arrive as strings; bodies are JSON and must carry their real types.
    const strings = createAjv(true);
    const json = createAjv(false);
    for (const [id, schemas] of operationSchemas()) {
      this.operations.set(id, {
        schemas,
        params: strings.compile(schemas.params as object),
        query: strings.compile(schemas.query as object),
        body: schemas.body && json.compile(schemas.body.schema as object),
      });
    }
  }

  operation(operationId: string): OperationSchemas {
    const compiled = this.operations.get(operationId);
    if (!compiled) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return compiled.schemas;
  }

  /** Returns coerced, defaulted input, or throws a 400 problem naming every bad field. */
  validate(operationId: string, input: RequestInput): ValidInput {
    const compiled = this.operations.get(operationId);
    if (!compiled) throw new Error(`openapi.yaml has no operation ${operationId}`);
    const path = { ...input.params };
    const query = { ...input.query };
    const errors: ProblemFieldError[] = [];
    if (!compiled.params(path)) errors.push(...toFieldErrors('path', compiled.params.errors ?? []));
    if (!compiled.query(query)) errors.push(...toFieldErrors('query', compiled.query.errors ?? []));
    let body = input.hasBody ? structuredClone(input.body) : undefined;
    if (compiled.body) {
      if (body === undefined) {
        if (compiled.schemas.body?.required)
          errors.push({ field: 'body', message: 'is required (a JSON object)' });
        else body = {};
      }
      if (body !== undefined && !compiled.body(body))
        errors.push(...toFieldErrors('body', compiled.body.errors ?? []));
    } else if (input.hasBody) {
      errors.push({ field: 'body', message: 'must be empty for this operation' });
    }
    if (errors.length) {
      const first = errors[0] as ProblemFieldError;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      throw new ProblemException('validation', `${first.field} ${first.message}${more}.`, errors);
    }
    return { path, query, body };
  }
}
