import { Controller, Req } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { type ContractInput, ContractRoute, Input } from '@enclave/service-kit';
import type { Request } from 'express';
import { accessClient } from './client-address';
import { ShareResolution } from './share-resolution.service';

/**
 * The public routes: the contract's `security: []` makes ContractRoute skip the auth guard; the
 * token in the path is the only credential.
 */
@Controller()
export class PublicSharesController {
  constructor(private readonly resolution: ShareResolution) {}

  @ContractRoute('getPublicShare')
  describe(
    @Input() input: ContractInput<'getPublicShare'>,
    @Req() request: Request,
  ): Promise<Schemas['PublicShare']> {
    return this.resolution.describe(input.path.token, accessClient(request));
  }

  @ContractRoute('downloadPublicShare')
  download(
    @Input() input: ContractInput<'downloadPublicShare'>,
    @Req() request: Request,
  ): Promise<Schemas['PublicDownloadResponse']> {
    return this.resolution.download(input.path.token, input.body ?? {}, accessClient(request));
  }
}
