import {
  signUpUser,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  type CheckedUploadsApp,
  startCheckedUploadsApp,
} from './testing/checked-uploads-app.fixture';

// Hostile input to create-file over HTTP, against the real stand-ins: every refusal is a 4xx
// problem that names what is wrong (and openapi.yaml declares), and no refusal leaves a row behind.
let stack: TestStack;
let app: CheckedUploadsApp;
let baseUrl: string;
let mallory: TestUser;
let alice: TestUser;

interface Answer {
  status: number;
  contentType: string | null;
  body: { detail?: string; errors?: { field: string; message: string }[] } & Record<
    string,
    unknown
  >;
}

async function createFile(
  user: TestUser,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/users/${user.user_id}/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.idToken}`, ...headers },
    // A copy: fetch takes bytes backed by a plain ArrayBuffer, and zlib's Buffers may not be.
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(text) as Answer['body'],
  };
}

async function fileCount(user: TestUser): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/users/${user.user_id}/files`, {
    headers: { Authorization: `Bearer ${user.idToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { user_files: unknown[] }).user_files.length;
}

/** A refusal: the status, a problem body whose detail matches, and nothing stored. */
async function expectRefused(answer: Answer, status: number, detail: RegExp): Promise<void> {
  expect({ status: answer.status, detail: answer.body.detail }).toEqual({
    status,
    detail: expect.stringMatching(detail),
  });
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(await fileCount(mallory)).toBe(0);
}

function fieldMessage(answer: Answer, field: string): string | undefined {
  return answer.body.errors?.find((e) => e.field === field)?.message;
}

const nested = (depth: number, leaf = '1'): string => '['.repeat(depth) + leaf + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

beforeAll(async () => {
  stack = await startTestStack();
  app = await startCheckedUploadsApp(stack.env);
  baseUrl = app.baseUrl;
  [mallory, alice] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
}, 60_000);

afterAll(async () => {
  // Throws the app's contract violations, once the stack is stopped too.
  await stopAll(app ? [app] : [], stack);
});

describe('create-file refuses hostile input with a 4xx problem and stores nothing', () => {
  describe('file_name', () => {
    it.each([
      ['a lone high surrogate', 'report\uD800.pdf', /well-formed Unicode/],
      ['a lone low surrogate', '\uDC00report.pdf', /well-formed Unicode/],
      ['NUL', 'a\u0000b', /control characters/],
      ['a tab', 'a\tb', /control characters/],
      ['CR LF', 'a\r\nContent-Type: text/html', /control characters/],
      ['DEL', 'a\u007Fb', /control characters/],
      ['a C1 control (NEL)', 'a\u0085b', /control characters/],
      ['a C1 control (CSI)', 'a\u009B31mb', /control characters/],
      ['a line separator', 'a\u2028b', /control characters/],
      ['a right-to-left override', 'invoice\u202Efdp.exe', /bidirectional/],
      ['a left-to-right mark', '\u200Ereport.pdf', /bidirectional/],
      ['a right-to-left mark', 'report\u200F.pdf', /bidirectional/],
      ['a left-to-right embedding', '\u202Areport.pdf', /bidirectional/],
      ['an isolate', 'a\u2067b\u2069.txt', /bidirectional/],
      ['an Arabic letter mark', 'a\u061Cb.txt', /bidirectional/],
      ['a slash', 'a/b.txt', /must not contain '\/'/],
      ['a backslash', 'a\\b.txt', /must not contain '\/'/],
      ['dot', '.', /must not be '\.' or '\.\.'/],
      ['dot-dot', '..', /must not be '\.' or '\.\.'/],
      ['empty', '', /must not be empty/],
      ['1026 bytes of UTF-8 in 513 characters', 'é'.repeat(513), /at most 1024 bytes of UTF-8/],
    ])('refuses a name with %s', async (_, file_name, message) => {
      const answer = await createFile(mallory, JSON.stringify({ file_name, size: 1 }));
      expect(fieldMessage(answer, 'body.file_name')).toMatch(message);
      await expectRefused(answer, 400, /^body\.file_name /);
    });
  });

  describe('content_type', () => {
    it.each([
      ['a non-ASCII quoted parameter', 'text/plain; charset="日"'],
      ['a Latin-1 quoted parameter', 'text/plain; charset="é"'],
      ['a CRLF injection', 'text/plain\r\nX-Injected: 1'],
      ['an injection inside a quoted string', 'text/plain; a="x\r\nX-Injected: 1"'],
      ['no subtype', 'text/'],
      ['no type', '/plain'],
      ['a space for a slash', 'text plain'],
      ['a dangling semicolon', 'text/plain;'],
      ['a parameter without a value', 'text/plain; charset'],
      ['a non-token parameter value', 'text/plain; charset=a b'],
      ['an unterminated quoted string', 'text/plain; charset="utf-8'],
      ['a leading space', ' text/plain'],
      ['a trailing space', 'text/plain '],
      ['over 255 characters', `application/${'x'.repeat(300)}`],
    ])('refuses %s', async (_, content_type) => {
      const answer = await createFile(
        mallory,
        JSON.stringify({ file_name: 'a.txt', size: 1, content_type }),
      );
      expect(fieldMessage(answer, 'body.content_type')).toBeDefined();
      await expectRefused(answer, 400, /^body\.content_type /);
    });
  });

  describe('deeply nested JSON', () => {
    it.each([
      ['arrays 10,000 deep in 20 kB', nested(10_000)],
      ['objects 10,000 deep', nestedObjects(10_000)],
      ['arrays 200,000 deep', nested(200_000)],
      ['a deep value inside a valid body', `{"file_name":"a","size":1,"x":${nested(10_000)}}`],
      ['one level past the limit', nested(33)],
    ])('refuses %s', async (_, body) => {
      await expectRefused(await createFile(mallory, body), 400, /nested too deeply/);
    });

    it('still reads a body nested to the limit (and validates it)', async () => {
      const answer = await createFile(mallory, nested(32));
      await expectRefused(answer, 400, /^body must be a JSON object/);
    });
  });

  describe('Content-Encoding', () => {
    const json = 'application/json';
    const garbage = new TextEncoder().encode('this is not compressed at all');
    const valid = JSON.stringify({ file_name: 'a.txt', size: 1 });

    it.each(['br', 'gzip', 'deflate'])('refuses garbage declared as %s', async (encoding) => {
      const answer = await createFile(mallory, garbage, {
        'Content-Type': json,
        'Content-Encoding': encoding,
      });
      await expectRefused(answer, 400, new RegExp(`could not be decoded as ${encoding}`));
    });

    it('refuses a truncated gzip body', async () => {
      const answer = await createFile(mallory, gzipSync(valid).subarray(0, 12), {
        'Content-Type': json,
        'Content-Encoding': 'gzip',
      });
      await expectRefused(answer, 400, /could not be decoded as gzip/);
    });

    it.each(['compress', 'zstd', 'x-garbage', 'gzip, br'])(
      'answers 415 to the unsupported encoding %s',
      async (encoding) => {
        const answer = await createFile(mallory, garbage, {
          'Content-Type': json,
          'Content-Encoding': encoding,
        });
        await expectRefused(answer, 415, /Content-Encoding .* is not supported/);
      },
    );

    it('answers 413 to a body that inflates past the limit', async () => {
      const bomb = gzipSync(`{"file_name":"a.txt","size":1,"pad":"${'a'.repeat(3 << 20)}"}`);
      expect(bomb.length).toBeLessThan(10_000);
      const answer = await createFile(mallory, bomb, {
        'Content-Type': json,
        'Content-Encoding': 'gzip',
      });
      await expectRefused(answer, 413, /too large/);
    });
  });

  describe('bodies that are not a JSON object', () => {
    it.each(['[]', '"report.pdf"', '42', 'null', 'true'])('refuses %s', async (body) => {
      const answer = await createFile(mallory, body);
      expect(fieldMessage(answer, 'body')).toBe('must be a JSON object');
      await expectRefused(answer, 400, /^body must be a JSON object/);
    });

    it('names a __proto__ field as unknown rather than merging it', async () => {
      const answer = await createFile(mallory, '{"file_name":"a","size":1,"__proto__":{"x":1}}');
      expect(fieldMessage(answer, 'body.__proto__')).toBe('is not a known field');
      await expectRefused(answer, 400, /^body\.__proto__ is not a known field/);
    });

    it.each(['{', '{"file_name": "a", }', "{'file_name': 'a'}", ''])(
      'refuses the malformed JSON %j',
      async (body) => {
        // An empty body with a JSON content type is simply missing.
        const detail = body === '' ? /^body is required/ : /not valid JSON/;
        await expectRefused(await createFile(mallory, body), 400, detail);
      },
    );

    it.each([
      ['text/plain', 'text/plain'],
      ['form data', 'application/x-www-form-urlencoded'],
      ['no type at all', undefined],
    ])('answers 415 to JSON sent as %s', async (_, contentType) => {
      const answer = await createFile(
        mallory,
        JSON.stringify({ file_name: 'a.txt', size: 1 }),
        contentType ? { 'Content-Type': contentType } : {},
      );
      await expectRefused(answer, 415, /application\/json/);
    });
  });

  it('still accepts what a person would name and type a file, and compressed bodies', async () => {
    // The control for the list-is-empty assertions above: accepted requests do create rows.
    const accepted = [
      { file_name: 'résumé 日本語 🚀 (final).pdf', content_type: 'application/pdf' },
      { file_name: 'שלום.txt', content_type: 'text/plain; charset=utf-8' },
      { file_name: '.bashrc', content_type: 'text/plain; charset="utf-8"' },
      { file_name: 'a'.repeat(1024), content_type: 'multipart/mixed; boundary="a b=c"' },
      {
        file_name: 'report.docx',
        content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ];
    for (const body of accepted) {
      const answer = await createFile(alice, JSON.stringify({ ...body, size: 1 }));
      expect({ status: answer.status, body }).toEqual({ status: 201, body });
    }
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      const answer = await createFile(
        alice,
        compress(JSON.stringify({ file_name: `${encoding}.txt`, size: 1 })),
        { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
      );
      expect(answer.status).toBe(201);
    }
    expect(await fileCount(alice)).toBe(accepted.length + 3);
  });
});
