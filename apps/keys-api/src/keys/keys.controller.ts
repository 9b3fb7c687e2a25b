import { Controller } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { type ContractInput, ContractRoute, Input } from '@enclave/service-kit';
import { CryptoShred } from './crypto-shred.service';
import { KeyStatusService } from './key-status.service';

/**
 * The caller's key. Routes and input rules come from openapi.yaml; the auth guard has checked
 * that `user_id` is the caller's.
 */
@Controller()
export class KeysController {
  constructor(
    private readonly status: KeyStatusService,
    private readonly shred: CryptoShred,
  ) {}

  @ContractRoute('getKey')
  get(@Input() input: ContractInput<'getKey'>): Promise<Schemas['KeyStatus']> {
    return this.status.of(input.path.user_id);
  }

  @ContractRoute('ensureKey')
  ensure(@Input() input: ContractInput<'ensureKey'>): Promise<Schemas['KeyStatus']> {
    return this.status.ensure(input.path.user_id);
  }

  @ContractRoute('shredKey')
  shredKey(@Input() input: ContractInput<'shredKey'>): Promise<Schemas['ShredResponse']> {
    return this.shred.shred(input.path.user_id);
  }
}
