import { Upload, type UploadResult } from '@enclave/upload-client';
import { FileByteSource, FileUploadStateStore } from '@enclave/upload-client/node';
import path from 'node:path';
import { uploadStateDir } from '../config/paths';
import { CliError, ExitCode } from '../output/cli-error';
import { toCliError } from '../output/error-message';
import { formatBytes } from '../output/format';
import { progressSink, type TransferView } from '../output/progress-view';
import type { CliContext } from './context';

export interface UploadCommandOptions {
  parallel?: string;
  checksum?: boolean;
}

interface UploadedFile extends UploadResult {
  path: string;
}

/**
 * `enclave upload <paths…>`: one file after another, parts in parallel. An interrupted upload
 * (Ctrl-C, a crash, a lost network) of the same unchanged file resumes where it stopped.
 */
export async function upload(
  context: CliContext,
  paths: string[],
  options: UploadCommandOptions,
): Promise<void> {
  const { signal } = context;
  const parallel = options.parallel === undefined ? 4 : Number(options.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64)
    throw new CliError('--parallel must be a whole number from 1 to 64', ExitCode.Usage);
  const { api } = await context.filesApi();
  const stateStore = new FileUploadStateStore(uploadStateDir(context.configDir));
  const progress = progressSink(context.io.stderr, context.quiet);
  const uploaded: UploadedFile[] = [];
  const failed: { path: string; error: string }[] = [];
  let firstFailure: CliError | undefined;
  try {
    for (const file of paths) {
      if (signal.aborted) break;
      try {
        const source = await FileByteSource.open(path.resolve(file));
        try {
          const run = new Upload({
            api,
            source,
            parallel,
            checksums: options.checksum ?? false,
            stateStore,
            // The absolute path, size and mtime: a file that changed since is uploaded afresh.
            identity: { name: path.resolve(file), size: source.size, mtimeMs: source.lastModified },
            signal,
          });
          watch(run, progress.add(source.name, source.size));
          uploaded.push({ path: file, ...(await run.start()) });
        } finally {
          await source.close();
        }
      } catch (error) {
        const cliError = toCliError(error, context.apiUrl);
        // An interrupt or a lost login stops the whole command; other failures only this file.
        if (cliError.exitCode === ExitCode.Interrupted || cliError.exitCode === ExitCode.Auth)
          throw cliError;
        firstFailure ??= cliError;
        failed.push({ path: file, error: cliError.message });
        context.notice(`${file}: ${cliError.message}`);
      }
    }
  } finally {
    progress.stop();
  }
  context.print(
    uploaded
      .map(
        (file) =>
          `Uploaded ${file.path} (${formatBytes(file.size)}) as ${file.file_id}${file.resumed ? ', resumed' : ''}.`,
      )
      .join('\n'),
    {
      files: uploaded.map((file) => ({
        path: file.path,
        file_id: file.file_id,
        file_name: file.file_name,
        size: file.size,
        status: file.status,
        resumed: file.resumed,
        parts_sent: file.partsSent,
      })),
      failed,
    },
  );
  if (firstFailure) throw firstFailure;
}

function watch(run: Upload, view: TransferView): void {
  let partCount = 1;
  run.on('created', (event) => {
    partCount = event.partCount;
    if (event.resumed) view.note(`resuming upload ${event.file_id}`);
  });
  run.on('progress', (progress) => view.update(progress));
  run.on('part', (event) => {
    if (event.type === 'done') view.note(`part ${event.part_number}/${partCount} done`);
    if (event.type === 'retrying')
      view.note(`part ${event.part_number}: retry ${event.attempt} in ${event.delayMs} ms`);
  });
}
