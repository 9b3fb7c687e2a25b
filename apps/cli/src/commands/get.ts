import type { Schemas } from '@enclave/api-contract';
import { password as passwordPrompt } from '@inquirer/prompts';
import { ApiError } from '@enclave/upload-client';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readSecretFromStdin } from '../options/stdin-secret';
import { CliError, ExitCode } from '../output/cli-error';
import { formatBytes } from '../output/format';
import { printable } from '../output/printable';
import { progressSink } from '../output/progress-view';
import { safeFileName } from '../sharing/safe-file-name';
import { shareTokenFrom } from '../sharing/share-token';
import type { PublicSharesApi } from '../sharing/shares-api';
import { saveUrl } from '../transfer/save-url';
import type { CliContext } from './context';

export interface GetOptions {
  output?: string;
  force?: boolean;
  passwordStdin?: boolean;
}

// On a terminal a mistyped password may be typed again, a few times (the API limits tries too).
const PASSWORD_TRIES = 3;

/**
 * `enclave get <share-url-or-token> [-o path]`: downloads what a share link points at. Public:
 * it needs the link, not a login.
 */
export async function get(
  context: CliContext,
  linkOrToken: string,
  options: GetOptions,
): Promise<void> {
  const token = shareTokenFrom(linkOrToken);
  const api = context.publicSharesApi();
  const share = await api.describe(token);
  const fileName = printable(share.file_name);
  // Checked before asking for a download: each one counts against the link's limit.
  const target = await targetPath(options.output, share.file_name);
  if (!options.force && (await exists(target)))
    throw new CliError(`${target} exists: pass --force to overwrite it`, ExitCode.Failure);
  if (!context.json) context.notice(describeShare(share));

  const link = await downloadLink(context, api, token, share, options);
  const progress = progressSink(context.io.stderr, context.quiet || context.json);
  const view = progress.add(fileName, share.size);
  try {
    const { bytes } = await saveUrl({
      url: link.download_url,
      target,
      onProgress: (p) => view.update(p),
      signal: context.signal,
    });
    progress.stop();
    context.print(`Downloaded ${fileName} (${formatBytes(bytes)}) to ${target}.`, {
      file_name: share.file_name,
      content_type: share.content_type,
      path: target,
      bytes,
    });
  } catch (error) {
    progress.stop();
    throw error;
  }
}

/** The presigned GET, giving the password when the link has one. */
async function downloadLink(
  context: CliContext,
  api: PublicSharesApi,
  token: string,
  share: Schemas['PublicShare'],
  options: GetOptions,
): Promise<Schemas['PublicDownloadResponse']> {
  if (!share.password_required) return api.download(token, {});
  const interactive = Boolean(context.io.stdin.isTTY) && !options.passwordStdin;
  if (!interactive && !options.passwordStdin)
    throw new CliError(
      'this link is password protected: pass --password-stdin (no terminal to ask on)',
      ExitCode.Usage,
    );
  for (let attempt = 1; ; attempt++) {
    const password = interactive
      ? await passwordPrompt({ message: 'Password for this link:', mask: '*' })
      : await readSecretFromStdin(context.io.stdin);
    try {
      return await api.download(token, { password });
    } catch (error) {
      // 401 here is the link's password, never the user's login.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      if (!interactive || attempt >= PASSWORD_TRIES)
        throw new CliError('wrong password for this share link', ExitCode.Auth);
      context.notice('Wrong password; try again.');
    }
  }
}

function describeShare(share: Schemas['PublicShare']): string {
  const lines = [
    `${printable(share.file_name)} (${formatBytes(share.size)})${share.shared_by ? `, shared by ${printable(share.shared_by)}` : ''}`,
  ];
  if (share.message)
    lines.push(
      ...printable(share.message)
        .split('\n')
        .map((line) => `  > ${line}`),
    );
  return lines.join('\n');
}

async function targetPath(output: string | undefined, fileName: string): Promise<string> {
  if (!output) return path.resolve(safeFileName(fileName));
  const resolved = path.resolve(output);
  const stats = await stat(resolved).catch(() => undefined);
  return stats?.isDirectory() ? path.join(resolved, safeFileName(fileName)) : resolved;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
