import { CliError } from '../output/cli-error';

/**
 * The shared file's name, when it is safe to create in a folder of ours. It comes from a
 * stranger, so a name that would leave the folder (`../x`, `/etc/x`), hide in it (`.`) or
 * carry control characters is refused rather than cleaned up into something unexpected.
 */
export function safeFileName(name: string): string {
  const unsafe =
    name.length === 0 ||
    name === '.' ||
    name === '..' ||
    /[/\\]/.test(name) ||
    // eslint-disable-next-line no-control-regex -- exactly what is refused
    /[\u0000-\u001F\u007F]/.test(name);
  if (unsafe)
    throw new CliError(
      `the shared file's name ${JSON.stringify(name)} cannot be used as a file name here: pass -o <path>`,
    );
  return name;
}
