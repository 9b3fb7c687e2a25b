import { ExitCode } from '../output/cli-error';
import { shareTokenFrom } from './share-token';

const TOKEN = 'Ab3_-xYz0123456789abcdefghijklmnopqrstuv';

describe('shareTokenFrom', () => {
  it.each([
    TOKEN,
    ` ${TOKEN}\n`,
    `http://127.0.0.1:3000/s/${TOKEN}`,
    `https://enclave.example.com/s/${TOKEN}/`,
    `https://enclave.example.com/portal/s/${TOKEN}?utm=mail#top`,
  ])('finds the token in %j', (input) => {
    expect(shareTokenFrom(input)).toBe(TOKEN);
  });

  it.each([
    'short',
    `https://enclave.example.com/files/${TOKEN}`,
    `https://enclave.example.com/s/`,
    `https://enclave.example.com/s/${TOKEN}/extra`,
    `https://enclave.example.com/s/${'x'.repeat(20)}`,
    `${TOKEN}!`,
  ])('refuses %j as a usage error', (input) => {
    expect(() => shareTokenFrom(input)).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.Usage,
        message: expect.stringContaining('is not a share link'),
      }),
    );
  });
});
