import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
} from '@nestjs/common';
import { contractOperation, type operations } from '@enclave/api-contract';
import { Public } from '@enclave/auth-guard';
import type { ValidInput } from './contract-validator';

export const CONTRACT_OPERATION = 'enclave:contract-operation';
export const VALID_INPUT = Symbol('enclave:valid-input');

/**
 * Binds a handler to an operation of openapi.yaml: its method, path, success status and whether
 * it needs a caller come from the contract, and the ContractValidationInterceptor checks its
 * input against it.
 */
export function ContractRoute(operationId: keyof operations): MethodDecorator {
  const operation = contractOperation(operationId);
  const method = RequestMethod[operation.method.toUpperCase() as keyof typeof RequestMethod];
  return applyDecorators(
    RequestMapping({ path: operation.path.replace(/\{(\w+)\}/g, ':$1'), method }),
    HttpCode(operation.successStatus),
    SetMetadata(CONTRACT_OPERATION, operationId),
    // The contract's `security: []` is what makes a route public, not a second annotation.
    ...(operation.public ? [Public()] : []),
  );
}

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;

/** The validated input of operation `Op`, typed from the contract. */
export interface ContractInput<Op extends keyof operations> {
  path: operations[Op]['parameters'] extends { path: infer P } ? P : never;
  query: operations[Op]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;
  body: operations[Op] extends { requestBody: infer R }
    ? JsonBody<R>
    : operations[Op] extends { requestBody?: infer R }
      ? JsonBody<R> | undefined
      : undefined;
}

/** Injects the input the ContractValidationInterceptor validated (coerced, with defaults). */
export const Input = createParamDecorator((_: unknown, context: ExecutionContext): ValidInput => {
  const request = context.switchToHttp().getRequest<{ [VALID_INPUT]?: ValidInput }>();
  const input = request[VALID_INPUT];
  if (!input)
    throw new Error('@Input() needs @ContractRoute() and the ContractValidationInterceptor');
  return input;
});
