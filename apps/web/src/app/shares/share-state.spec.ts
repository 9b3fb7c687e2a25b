import { downloadsWording, outcomeWording, stateBadge } from './share-state';

describe('stateBadge', () => {
  it('words every state', () => {
    expect(stateBadge({ state: 'ACTIVE' })).toMatchObject({ label: 'Active', tone: 'success' });
    expect(stateBadge({ state: 'EXPIRED' })).toMatchObject({ label: 'Expired', tone: 'muted' });
    expect(stateBadge({ state: 'EXHAUSTED' })).toMatchObject({ label: 'Used up', tone: 'warning' });
    expect(stateBadge({ state: 'REVOKED', revoked_because: 'OWNER' })).toEqual({
      label: 'Revoked',
      tone: 'danger',
      explanation: 'You revoked it.',
    });
  });

  it('says when a share ended because its file was deleted', () => {
    expect(stateBadge({ state: 'REVOKED', revoked_because: 'FILE_DELETED' }).explanation).toBe(
      'The file was deleted.',
    );
  });
});

describe('downloadsWording', () => {
  it('shows the count against the limit, or no limit', () => {
    expect(downloadsWording({ downloads: 2, max_downloads: 5 })).toBe('2 / 5');
    expect(downloadsWording({ downloads: 0 })).toBe('0 / no limit');
  });
});

describe('outcomeWording', () => {
  it('words access-log outcomes', () => {
    expect(outcomeWording('WRONG_PASSWORD')).toBe('Wrong password');
    expect(outcomeWording('VIEWED')).toBe('Opened the page');
  });
});
