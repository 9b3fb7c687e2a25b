import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import { contractOperation, type EnclaveService } from '@enclave/api-contract';
import { ProblemException, type ProblemFieldError } from '@enclave/errors';
import { operationSchemas } from './contract-schemas';
import type * as AjvFactory from './create-ajv';
import { toFieldErrors } from './error-messages';

/**
 * Ajv and its formats load with the first request that needs validation, not on a cold start
 * (a Lambda's first event may well be a health check).
 */
function loadAjvFactory(): typeof AjvFactory {
  return require('./create-ajv') as typeof AjvFactory;
}

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
  params: ValidateFunction;
  query: ValidateFunction;
  body?: { validate: ValidateFunction; required: boolean };
}

/**
 * Validates requests against openapi.yaml: the contract is the one source of input rules. Each
 * operation is compiled the first time a request needs it, and only if it belongs to `service`
 * (when given): a cold start compiles nothing, and a service never pays for another's schemas.
 */
export class ContractValidator {
  private readonly compiled = new Map<string, CompiledOperation>();
  private ajv?: { strings: Ajv2020; json: Ajv2020 };

  constructor(private readonly service?: EnclaveService) {}

  /** Returns coerced, defaulted input, or throws a 400 problem naming every bad field. */
  validate(operationId: string, input: RequestInput): ValidInput {
    const compiled = this.compile(operationId);
    const path = { ...input.params };
    const query = { ...input.query };
    const errors: ProblemFieldError[] = [];
    if (!compiled.params(path)) errors.push(...toFieldErrors('path', compiled.params.errors ?? []));
    if (!compiled.query(query)) errors.push(...toFieldErrors('query', compiled.query.errors ?? []));
    // Ajv fills in defaults in place, so it works on a copy. structuredClone recurses: jsonBody()
    // has refused anything nested deeper than MAX_JSON_DEPTH before a body gets here.
    let body = input.hasBody ? structuredClone(input.body) : undefined;
    if (compiled.body) {
      if (body === undefined) {
        if (compiled.body.required)
          errors.push({ field: 'body', message: 'is required (a JSON object)' });
        else body = {};
      }
      if (body !== undefined && !compiled.body.validate(body))
        errors.push(...toFieldErrors('body', compiled.body.validate.errors ?? []));
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

  private compile(operationId: string): CompiledOperation {
    const cached = this.compiled.get(operationId);
    if (cached) return cached;
    const operation = contractOperation(operationId);
    if (this.service && operation.service !== this.service) {
      throw new Error(
        `${operationId} belongs to the ${operation.service} service, not ${this.service}`,
      );
    }
    // Path and query values arrive as strings; bodies are JSON and must carry their real types.
    if (!this.ajv) {
      const { createAjv } = loadAjvFactory();
      this.ajv = { strings: createAjv(true), json: createAjv(false) };
    }
    const schemas = operationSchemas(operation);
    const compiled: CompiledOperation = {
      params: this.ajv.strings.compile(schemas.params),
      query: this.ajv.strings.compile(schemas.query),
      ...(schemas.body
        ? {
            body: {
              validate: this.ajv.json.compile(schemas.body.schema),
              required: schemas.body.required,
            },
          }
        : {}),
    };
    this.compiled.set(operationId, compiled);
    return compiled;
  }
}
