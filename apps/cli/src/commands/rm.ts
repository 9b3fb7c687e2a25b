import type { CliContext } from './context';

/** `enclave rm <file_id>`: deletes a file, or cancels its unfinished upload. */
export async function rm(context: CliContext, fileId: string): Promise<void> {
  const { api } = await context.filesApi();
  const deleted = await api.deleteFile(fileId);
  context.print(`Deleted ${deleted.file_name} (${deleted.file_id}).`, deleted);
}
