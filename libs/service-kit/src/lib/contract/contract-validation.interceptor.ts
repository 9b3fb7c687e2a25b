import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ProblemException } from '@enclave/errors';
import { CONTRACT_OPERATION, VALID_INPUT } from './contract-route.decorator';
import type { EnclaveService } from '@enclave/api-contract';
import { SERVICE_NAME } from '../service/service-tokens';
import { ContractValidator } from './contract-validator';

/** Runs after the auth guard: only an authorised caller learns what is wrong with a request. */
@Injectable()
export class ContractValidationInterceptor implements NestInterceptor {
  private readonly validator: ContractValidator;

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SERVICE_NAME) service: EnclaveService,
  ) {
    this.validator = new ContractValidator(service);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operationId = this.reflector.get<string | undefined>(
      CONTRACT_OPERATION,
      context.getHandler(),
    );
    if (operationId) {
      const request = context.switchToHttp().getRequest<Request & { [VALID_INPUT]?: unknown }>();
      const hasBody = request.body !== undefined || hasRawBody(request);
      if (hasBody && request.body === undefined) {
        throw new ProblemException(
          'unsupportedMediaType',
          'Send the request body as application/json.',
        );
      }
      request[VALID_INPUT] = this.validator.validate(operationId, {
        params: request.params,
        query: request.query as Record<string, unknown>,
        body: request.body,
        hasBody,
      });
    }
    return next.handle();
  }
}

function hasRawBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
