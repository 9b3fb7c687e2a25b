import { Controller } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { type ContractInput, ContractRoute, Input } from '@enclave/service-kit';
import { FilesService } from './files.service';

/** Routes, status codes and input rules come from openapi.yaml; the auth guard owns `user_id`. */
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @ContractRoute('createFile')
  create(@Input() input: ContractInput<'createFile'>): Promise<Schemas['CreateFileResponse']> {
    return this.files.create(input.path.user_id, input.body);
  }

  @ContractRoute('completeFile')
  complete(
    @Input() input: ContractInput<'completeFile'>,
  ): Promise<Schemas['CompleteFileResponse']> {
    return this.files.complete(input.path.user_id, input.path.file_id, input.body);
  }

  @ContractRoute('presignParts')
  presignParts(
    @Input() input: ContractInput<'presignParts'>,
  ): Promise<Schemas['PresignPartsResponse']> {
    return this.files.presignParts(input.path.user_id, input.path.file_id, input.body);
  }

  @ContractRoute('listUploadedParts')
  uploadedParts(
    @Input() input: ContractInput<'listUploadedParts'>,
  ): Promise<Schemas['UploadedParts']> {
    return this.files.uploadedParts(input.path.user_id, input.path.file_id);
  }

  @ContractRoute('listFiles')
  list(@Input() input: ContractInput<'listFiles'>): Promise<Schemas['FileList']> {
    return this.files.list(input.path.user_id, input.query.limit ?? 100, input.query.cursor);
  }

  @ContractRoute('getFile')
  get(@Input() input: ContractInput<'getFile'>): Promise<Schemas['FileSummary']> {
    return this.files.get(input.path.user_id, input.path.file_id);
  }

  @ContractRoute('getDownloadUrl')
  download(@Input() input: ContractInput<'getDownloadUrl'>): Promise<Schemas['DownloadResponse']> {
    return this.files.downloadUrl(
      input.path.user_id,
      input.path.file_id,
      input.query.disposition ?? 'attachment',
    );
  }

  @ContractRoute('deleteFile')
  delete(@Input() input: ContractInput<'deleteFile'>): Promise<Schemas['DeleteFileResponse']> {
    return this.files.delete(input.path.user_id, input.path.file_id);
  }
}
