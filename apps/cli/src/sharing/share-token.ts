import { CliError, ExitCode } from '../output/cli-error';

// As the contract's ShareToken parameter: URL-safe base64, long enough to be unguessable.
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/** The token of a share link (`…/s/{token}`, as e-mailed or printed by `enclave link`) or a bare token. */
export function shareTokenFrom(linkOrToken: string): string {
  const text = linkOrToken.trim();
  if (TOKEN.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw notALink(linkOrToken);
  }
  const token = /\/s\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  if (!token || !TOKEN.test(token)) throw notALink(linkOrToken);
  return token;
}

const notALink = (value: string) =>
  new CliError(
    `${JSON.stringify(value)} is not a share link (…/s/<token>) or a share token`,
    ExitCode.Usage,
  );
