import { canShred, modeExplanation, stateExplanation } from './key-wording';

describe('key wording', () => {
  it('explains each mode in plain words', () => {
    expect(modeExplanation('s3').text).toContain('nothing to crypto-shred');
    expect(modeExplanation('shared').title).toBe('Encrypted with this service’s key');
    expect(modeExplanation('per_user').text).toContain('belongs to you alone');
  });

  it('says a half-done shred must be run again', () => {
    expect(stateExplanation('SHREDDING')).toContain('Run it again');
  });

  it('offers shredding only for a per-user key that is ready or half shredded', () => {
    expect(canShred({ kms_mode: 'per_user', state: 'READY' })).toBe(true);
    expect(canShred({ kms_mode: 'per_user', state: 'SHREDDING' })).toBe(true);
    expect(canShred({ kms_mode: 'per_user', state: 'SHREDDED' })).toBe(false);
    expect(canShred({ kms_mode: 'per_user', state: 'NONE' })).toBe(false);
    expect(canShred({ kms_mode: 'shared', state: 'READY' })).toBe(false);
  });
});
