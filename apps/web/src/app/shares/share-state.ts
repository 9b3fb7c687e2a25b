import type { Schemas } from '@enclave/api-contract';

export type ShareState = Schemas['ShareState'];
type Share = Schemas['Share'];

export interface StateBadge {
  label: string;
  /** Picks the badge's colour (a class of the shares page). */
  tone: 'success' | 'muted' | 'danger' | 'warning';
  /** The badge's title: why a share is in this state. */
  explanation: string;
}

/** A share's state as its badge reads. */
export function stateBadge(share: Pick<Share, 'state' | 'revoked_because'>): StateBadge {
  switch (share.state) {
    case 'ACTIVE':
      return { label: 'Active', tone: 'success', explanation: 'The link works.' };
    case 'EXPIRED':
      return { label: 'Expired', tone: 'muted', explanation: 'Its expiry has passed.' };
    case 'REVOKED':
      return {
        label: 'Revoked',
        tone: 'danger',
        explanation:
          share.revoked_because === 'FILE_DELETED' ? 'The file was deleted.' : 'You revoked it.',
      };
    case 'EXHAUSTED':
      return {
        label: 'Used up',
        tone: 'warning',
        explanation: 'It has served all the downloads it allows.',
      };
  }
}

/** "3 / 10", or "3 / no limit". */
export function downloadsWording(share: Pick<Share, 'downloads' | 'max_downloads'>): string {
  return `${share.downloads} / ${share.max_downloads ?? 'no limit'}`;
}

type Outcome = Schemas['ShareDetail']['access_log'][number]['outcome'];

/** One access-log line's outcome in words. */
export function outcomeWording(outcome: Outcome): string {
  switch (outcome) {
    case 'VIEWED':
      return 'Opened the page';
    case 'DOWNLOADED':
      return 'Downloaded';
    case 'WRONG_PASSWORD':
      return 'Wrong password';
    case 'REFUSED':
      return 'Refused';
  }
}
