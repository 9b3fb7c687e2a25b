import { Controller } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { type AuthenticatedUser, CurrentUser } from '@enclave/auth-guard';
import { type ContractInput, ContractRoute, Input } from '@enclave/service-kit';
import { EmailShares } from './email-shares.service';
import { ShareLinks } from './share-links.service';
import { ShareManagement } from './share-management.service';

/**
 * The owner's side of sharing. Routes, status codes and input rules come from openapi.yaml (the
 * contract interceptor refuses bad input before anything here runs, so nothing is sent for it);
 * the auth guard has checked that `user_id` is the caller's.
 */
@Controller()
export class OwnerSharesController {
  constructor(
    private readonly emailShares: EmailShares,
    private readonly links: ShareLinks,
    private readonly management: ShareManagement,
  ) {}

  @ContractRoute('shareFileByEmail')
  shareByEmail(
    @Input() input: ContractInput<'shareFileByEmail'>,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Schemas['ShareByEmailResponse']> {
    return this.emailShares.share(caller, input.path.file_id, input.body);
  }

  @ContractRoute('createShareLink')
  createLink(
    @Input() input: ContractInput<'createShareLink'>,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Schemas['ShareLinkResponse']> {
    return this.links.create(caller, input.path.file_id, input.body);
  }

  @ContractRoute('listShares')
  list(@Input() input: ContractInput<'listShares'>): Promise<Schemas['ShareList']> {
    return this.management.list(input.path.user_id, {
      fileId: input.query.file_id,
      limit: input.query.limit ?? 100,
      cursor: input.query.cursor,
    });
  }

  @ContractRoute('getShare')
  get(@Input() input: ContractInput<'getShare'>): Promise<Schemas['ShareDetail']> {
    return this.management.get(input.path.user_id, input.path.share_id);
  }

  @ContractRoute('updateShare')
  update(@Input() input: ContractInput<'updateShare'>): Promise<Schemas['Share']> {
    return this.management.update(input.path.user_id, input.path.share_id, input.body);
  }

  @ContractRoute('revokeShare')
  revoke(@Input() input: ContractInput<'revokeShare'>): Promise<Schemas['Share']> {
    return this.management.revoke(input.path.user_id, input.path.share_id);
  }
}
