import {
  generateTemporaryPassword,
  generateVerificationCode,
  hashSecret,
  passwordPolicyViolation,
  verifyAgainstNobody,
  verifySecret,
} from './passwords';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashSecret('Correct-Horse-9');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('Correct-Horse-9');
    await expect(verifySecret('Correct-Horse-9', stored)).resolves.toBe(true);
    await expect(verifySecret('correct-horse-9', stored)).resolves.toBe(false);
    await expect(verifySecret('', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashSecret('same'), hashSecret('same')]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as a mismatch, not an error', async () => {
    await expect(verifySecret('x', 'plain-text')).resolves.toBe(false);
    await expect(verifySecret('x', 'scrypt$a$b$c$salt$hash')).resolves.toBe(false);
    await expect(verifySecret('x', 'scrypt$16384$8$1$c2FsdA$')).resolves.toBe(false);
  });

  it('answers false for an unknown user after doing the same work', async () => {
    await expect(verifyAgainstNobody('anything')).resolves.toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['Sh0rt!', 'long enough'],
    ['lowercase-only-1', 'uppercase'],
    ['UPPERCASE-ONLY-1', 'lowercase'],
    ['No-Digits-Here', 'numeric'],
    ['NoSymbols123', 'symbol'],
  ])('rejects %s, naming the rule (%s)', (password, rule) => {
    expect(passwordPolicyViolation(password)).toContain(rule);
  });

  it('accepts a password with every class', () => {
    expect(passwordPolicyViolation('Correct-Horse-9')).toBeUndefined();
    expect(passwordPolicyViolation('aB3^aaaa')).toBeUndefined();
  });
});

describe('generated secrets', () => {
  it('makes temporary passwords that meet the policy and differ', () => {
    const passwords = Array.from({ length: 200 }, () => generateTemporaryPassword());
    for (const password of passwords) {
      expect(password).toHaveLength(12);
      expect(password).not.toMatch(/\s/);
      expect(passwordPolicyViolation(password)).toBeUndefined();
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it('makes 6-digit verification codes', () => {
    for (let i = 0; i < 100; i++) expect(generateVerificationCode()).toMatch(/^[0-9]{6}$/);
  });
});
