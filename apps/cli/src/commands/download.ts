import { downloadFile } from '@enclave/upload-client/node';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError, ExitCode } from '../output/cli-error';
import { formatBytes } from '../output/format';
import { progressSink } from '../output/progress-view';
import type { CliContext } from './context';

export interface DownloadOptions {
  output?: string;
  force?: boolean;
}

/** `enclave download <file_id> [-o path]`: streams the file from S3 to disk. */
export async function download(
  context: CliContext,
  fileId: string,
  options: DownloadOptions,
): Promise<void> {
  const { api } = await context.filesApi();
  const file = await api.getFile(fileId);
  if (file.status !== 'READY')
    throw new CliError(`${file.file_name} is not ready (${file.status})`, ExitCode.Failure);
  const target = await targetPath(options.output, file.file_name);
  if (!options.force && (await exists(target)))
    throw new CliError(`${target} exists: pass --force to overwrite it`, ExitCode.Failure);

  // Written beside the target and renamed at the end, so a broken download never looks complete.
  const partial = `${target}.enclave-download`;
  const progress = progressSink(context.io.stderr, context.quiet || context.json);
  const view = progress.add(file.file_name, file.size);
  try {
    const result = await downloadFile({
      api,
      fileId,
      destination: createWriteStream(partial),
      onProgress: (p) => view.update(p),
      signal: context.signal,
    });
    await rename(partial, target);
    progress.stop();
    context.print(`Downloaded ${file.file_name} (${formatBytes(result.bytes)}) to ${target}.`, {
      file_id: fileId,
      file_name: file.file_name,
      path: target,
      bytes: result.bytes,
    });
  } catch (error) {
    progress.stop();
    await rm(partial, { force: true });
    throw error;
  }
}

async function targetPath(output: string | undefined, fileName: string): Promise<string> {
  if (!output) return path.resolve(fileName);
  const resolved = path.resolve(output);
  const stats = await stat(resolved).catch(() => undefined);
  return stats?.isDirectory() ? path.join(resolved, fileName) : resolved;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
