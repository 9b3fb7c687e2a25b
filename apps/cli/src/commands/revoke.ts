import type { CliContext } from './context';

/** `enclave revoke <share_id>`: the share's link stops working at once. */
export async function revoke(context: CliContext, shareId: string): Promise<void> {
  const api = await context.sharesApi();
  const revoked = await api.revokeShare(shareId);
  const who = revoked.kind === 'LINK' ? 'link' : `share with ${revoked.recipient ?? 'a recipient'}`;
  context.print(`Revoked the ${who} to ${revoked.file_name} (${revoked.share_id}).`, revoked);
}
