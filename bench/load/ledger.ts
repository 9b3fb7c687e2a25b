/** A file as its uploader knows it: what it sent, so what comes back can be compared. */
export interface KnownFile {
  fileId: string;
  size: number;
  sha256: string;
  multipart: boolean;
}

/** What one simulated user saw happen, for the checks at the end. */
export class UserLedger {
  /** Files the API answered READY for and the user has not deleted. */
  readonly ready = new Map<string, KnownFile>();
  /** Files the API answered DELETED for. */
  readonly deleted = new Map<string, KnownFile>();
  /** Downloads (own and by share link) whose bytes were hashed; `mismatched` names the wrong ones. */
  readonly downloads = { checked: 0, mismatched: [] as string[] };
  /** Steps that did not do what they should have: `step: why`. */
  readonly failures: string[] = [];
  uploads = { single: 0, multipart: 0 };
  shares = 0;

  /** One of the READY files, at random; undefined when there is none. */
  anyReady(random: () => number = Math.random): KnownFile | undefined {
    const files = [...this.ready.values()];
    return files[Math.floor(random() * files.length)];
  }
}
