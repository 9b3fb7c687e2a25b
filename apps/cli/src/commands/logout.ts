import type { CliContext } from './context';

/** `enclave logout`: revokes the session where the auth service is reachable, then forgets it. */
export async function logout(context: CliContext): Promise<void> {
  const credentials = await context.credentials.read();
  if (!credentials) {
    context.print('Not logged in.', { logged_out: false });
    return;
  }
  let revoked = true;
  try {
    await context.auth.logout(credentials.email, credentials.access_token);
  } catch {
    // Still forget the tokens locally: logging out must work offline too.
    revoked = false;
    context.notice('warning: the auth service did not confirm the logout; local tokens removed');
  }
  await context.credentials.clear();
  context.print(`Logged out ${credentials.email}.`, { logged_out: true, revoked });
}
