import { isEmailAddress, parseRecipients } from './recipients';

describe('parseRecipients', () => {
  it('splits on commas, semicolons and white space, dropping duplicates', () => {
    expect(
      parseRecipients(' bob@example.com,carol@example.com;\n dan@example.org  BOB@example.com'),
    ).toEqual({
      ok: true,
      recipients: ['bob@example.com', 'carol@example.com', 'dan@example.org'],
    });
  });

  it('asks for at least one address', () => {
    expect(parseRecipients(' , ')).toEqual({
      ok: false,
      error: 'Enter at least one e-mail address.',
    });
  });

  it('names the addresses that are not valid', () => {
    expect(parseRecipients('bob@example.com bob carol@')).toEqual({
      ok: false,
      error: 'These are not valid e-mail addresses: bob, carol@.',
    });
  });

  it('refuses more than 20 recipients', () => {
    const many = Array.from({ length: 21 }, (_, i) => `r${i}@example.com`).join(',');
    expect(parseRecipients(many)).toEqual({
      ok: false,
      error: 'At most 20 recipients at a time (you entered 21).',
    });
    expect(parseRecipients(many.split(',').slice(0, 20).join(',')).ok).toBe(true);
  });
});

describe('isEmailAddress', () => {
  it('accepts a mailbox and refuses what could add a header or a second recipient', () => {
    expect(isEmailAddress('first.last+tag@mail.example.co.uk')).toBe(true);
    for (const bad of [
      'a@b',
      '"a"@example.com',
      '<a@example.com>',
      'a@example.com\r\nBcc: b@x.com',
    ])
      expect(isEmailAddress(bad)).toBe(false);
  });
});
