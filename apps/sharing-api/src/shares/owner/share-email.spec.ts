import { composeShareEmail, escapeHtml, humanSize, subjectLine } from './share-email';

const base = {
  to: 'bob@example.test',
  senderName: 'Alice Example',
  replyTo: 'alice@example.test',
  fileName: 'Quarterly report.pdf',
  size: 1536,
  expiresAt: '2026-11-23T11:00:00.000Z',
  url: 'http://portal.test/s/abc_DEF-123',
};

describe('composeShareEmail', () => {
  it('names the sender, the file, its size, the expiry and the link in both parts', () => {
    const mail = composeShareEmail(base);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Alice Example');
      expect(part).toContain('Quarterly report.pdf');
      expect(part).toContain('1.5 KiB');
      expect(part).toContain('Mon, 23 Nov 2026 11:00:00 GMT');
      expect(part).toContain('http://portal.test/s/abc_DEF-123');
    }
    expect(mail.html).toContain('<a href="http://portal.test/s/abc_DEF-123">');
    expect(mail).toMatchObject({ to: 'bob@example.test', replyTo: 'alice@example.test' });
    expect(mail.subject).toBe('Alice Example shared “Quarterly report.pdf” with you');
  });

  it('escapes the message, the sender and the file name in the HTML part, not in the text', () => {
    const mail = composeShareEmail({
      ...base,
      senderName: 'Eve <b>',
      fileName: 'a&b "c".pdf',
      message: '<script>alert("x")</script>\nsecond line',
    });
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nsecond line');
    expect(mail.html).toContain('Eve &lt;b&gt;');
    expect(mail.html).toContain('a&amp;b &quot;c&quot;.pdf');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('<script>alert("x")</script>\nsecond line');
  });

  it('leaves the message out when there is none', () => {
    const mail = composeShareEmail(base);
    expect(mail.text).not.toContain('Message from');
    expect(mail.html).not.toContain('blockquote');
  });

  it('keeps line breaks in the message but drops other control characters', () => {
    const mail = composeShareEmail({ ...base, message: 'one\u0007\ntwo\u202Ethree' });
    expect(mail.text).toContain('one\ntwothree');
  });

  it('keeps a header-injecting sender name on one subject line', () => {
    const mail = composeShareEmail({ ...base, senderName: 'Mallory\r\nBcc: victim@example.test' });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe(
      'Mallory Bcc: victim@example.test shared “Quarterly report.pdf” with you',
    );
    expect(mail.text.split('\n')[0]).toBe(
      'Mallory Bcc: victim@example.test shared a file with you on Enclave.',
    );
  });

  it('drops a Reply-To that is not one plain mailbox', () => {
    for (const replyTo of [
      'a@x.test\r\nBcc: b@y.test',
      'A <a@x.test>',
      'a@x.test, b@y.test',
      'nobody',
    ]) {
      expect(composeShareEmail({ ...base, replyTo }).replyTo).toBeUndefined();
    }
  });

  it('falls back to a neutral sender when the owner has no name', () => {
    expect(composeShareEmail({ ...base, senderName: ' \r\n' }).subject).toBe(
      'An Enclave user shared “Quarterly report.pdf” with you',
    );
  });
});

describe('subjectLine', () => {
  it('removes control, separator and bidirectional characters', () => {
    expect(subjectLine('a\u0000b\tc\u2028d\u202Ee\u0085f')).toBe('a b c d e f');
  });

  it('caps the length at 200 characters, ending in an ellipsis', () => {
    const subject = subjectLine('x'.repeat(500));
    expect([...subject]).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('humanSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [5 * 1024 ** 2, '5 MiB'],
    [123.4 * 1024 ** 3, '123 GiB'],
    [3 * 1024 ** 5, '3072 TiB'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });
});
