import * as fc from 'fast-check';

// Generators of hostile input. Most produce raw JSON *text*, not values, so that they can say
// what JSON.stringify never would (1e400, 2^63 written out, duplicate keys, __proto__).

/** `{"k":v,…}` from raw JSON value texts; an undefined value leaves its key out. */
export function rawObject(fields: Readonly<Record<string, string | undefined>>): string {
  const members = Object.entries(fields).flatMap(([key, value]) =>
    value === undefined ? [] : [`${JSON.stringify(key)}:${value}`],
  );
  return `{${members.join(',')}}`;
}

/** A field left out once in `oneIn` times, else `value`. */
export const usually = <T>(value: fc.Arbitrary<T>, oneIn = 12): fc.Arbitrary<T | undefined> =>
  fc.option(value, { nil: undefined, freq: oneIn });

/** A field present once in `oneIn` times (as `value`), else left out. */
export const rarely = <T>(value: fc.Arbitrary<T>, oneIn = 5): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { weight: oneIn - 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: value },
  );

/**
 * A field good `goodWeight` times in `goodWeight + 1`, else hostile: with several fields in a
 * body, most bodies then carry one or two hostile values among good ones, and some are accepted.
 */
export const mostlyGood = <T>(
  good: fc.Arbitrary<T>,
  hostile: fc.Arbitrary<T>,
  goodWeight = 2,
): fc.Arbitrary<T> =>
  fc.oneof({ weight: goodWeight, arbitrary: good }, { weight: 1, arbitrary: hostile });

/** Values of every JSON type but the one a field wants (the caller adds the right type). */
export const wrongTypeText: fc.Arbitrary<string> = fc.constantFrom(
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '""',
  '"1"',
  '[1]',
  '{"a":1}',
);

/** Numbers as JSON text: the edges of integers, doubles, and what no JavaScript number holds. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0',
      '-0',
      '1',
      '-1',
      '0.5',
      '1.0',
      '1e3',
      '1.5e3',
      '1e-400', // reads as 0
      '1e400', // reads as Infinity
      '-1e400',
      '1e308',
      '4.9e-324',
      '9007199254740993', // 2^53 + 1: not exactly representable
      '9223372036854775807', // 2^63 - 1
      '9223372036854775808', // 2^63
      '18446744073709551616', // 2^64
      '5497558138880', // 5 TiB: S3's largest object
      '5497558138881',
      '59',
      '60',
      '31536000',
      '31536001',
      '100000',
      '100001',
      '10000',
      '10001',
      '2147483648',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 43 }).map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  {
    weight: 1,
    arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => n.toString()),
  },
);

/** A number field fuzzed: numbers of every kind, the wrong types, and numbers as strings. */
export const numberFieldText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: numberText },
  { weight: 1, arbitrary: wrongTypeText },
  { weight: 1, arbitrary: numberText.map((text) => JSON.stringify(text)) },
);

/**
 * Pieces a hostile file name is built from: bidirectional controls (U+202E turns
 * `invoice‮fdp.exe` into `invoiceexe.pdf` on screen), emoji and ZWJ sequences, C0/C1 controls,
 * line separators, path syntax, lone surrogates, non-characters and markup.
 */
const NAME_HAZARDS = [
  '\u202E',
  '\u202A',
  '\u2066',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '😀',
  '👩‍👩‍👧',
  '🏳️‍🌈',
  '\u0000',
  '\u0001',
  '\u001F',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u007F',
  '\u0080',
  '\u0085',
  '\u009F',
  '\u2028',
  '\u2029',
  '.',
  '..',
  '/',
  '\\',
  '../',
  '..\\',
  '\uFEFF',
  '\u200B',
  ' ',
  'é',
  'e\u0301',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '\uFFFF',
  '𝓐',
  '%2e%2e',
  '%00',
  '<script>',
  '"',
  "'",
  ';',
  '*',
  '?',
  ':',
  'CON',
  'invoice',
  'fdp.exe',
  '.pdf',
  'x\r\nContent-Disposition: inline',
];

const nameHazard = fc.constantFrom(...NAME_HAZARDS);

/** Strings at the 1024-byte limit and far past it (10 KB), in 1-, 2-, 3- and 4-byte characters. */
const nameLengthEdges = fc.constantFrom(
  'a'.repeat(1024),
  'a'.repeat(1025),
  'é'.repeat(512),
  `${'é'.repeat(512)}a`,
  '€'.repeat(341),
  '€'.repeat(342),
  '😀'.repeat(256),
  `${'😀'.repeat(256)}a`,
  'a'.repeat(10 * 1024),
  '\u202E'.repeat(10 * 1024),
  '😀'.repeat(2560),
  '',
  '.',
  '..',
  '...',
  ' ..',
  '.. ',
  ' ',
);

const longRepeat = fc
  .tuple(
    fc.oneof(nameHazard, fc.string({ minLength: 1, maxLength: 3 })),
    fc.integer({ min: 300, max: 10 * 1024 }),
  )
  .map(([piece, count]) => piece.repeat(count));

/** Names that break no rule, in any script: what hostile values are mixed with. */
export const goodFileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'report.pdf',
    'Plans <v2>.pdf',
    'naïve café.txt',
    '😀 emoji.png',
    '日本語.txt',
    '...x',
    '.env',
  ),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .filter((name) => /^[^\p{Cc}\p{Cs}\p{Bidi_Control}\u2028\u2029/\\]+$/u.test(name))
    .filter((name) => name !== '.' && name !== '..'),
);

/** A file name: strings of hazards and arbitrary text, length edges, and values that are no string. */
export const fileNameValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          nameHazard,
          fc.string({ unit: 'grapheme', maxLength: 6 }),
          fc.string({ unit: 'binary', maxLength: 4 }),
        ),
        { maxLength: 8 },
      )
      .map((pieces) => pieces.join('')),
  },
  { weight: 2, arbitrary: nameLengthEdges },
  { weight: 1, arbitrary: longRepeat },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
    ),
  },
);

/** Media types as RFC 9110 writes them. */
export const goodContentType: fc.Arbitrary<string> = fc.constantFrom(
  'text/plain',
  'application/pdf',
  'image/png',
  'text/plain; charset=utf-8',
  'text/plain; charset="utf-8"',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'video/mp4',
);

/** Media types: CRLF header injection, parameters that break quoting, non-ASCII, odd shapes. */
export const contentTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'text/plain\r\nX-Injected: 1',
      'text/plain\nX-Injected: 1',
      'text/plain\rX-Injected: 1',
      'text/plain\r\n\r\n<html>',
      'text/plain;\r\n charset=utf-8',
      'text/plain\u0000',
      'text/plain\u0085',
      'text/plain',
      'application/pdf',
      'text/plain; charset=utf-8',
      'text/plain; charset="utf-8"',
      'text/plain; charset="a\\"b"',
      'text/plain; charset="\r\n"',
      'text/plain; charset=',
      'text/plain;',
      'text/html',
      'image/svg+xml',
      'multipart/form-data; boundary=----x',
      'tëxt/plain',
      'text/plain; name="é"',
      ' text/plain',
      'text/plain ',
      '',
      ' ',
      'text',
      '/',
      'a/',
      '/b',
      'a/b/c',
      'a/b',
      `${'x'.repeat(252)}/y`,
      `${'x'.repeat(253)}/y`,
      '*/*',
      'text/*',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('text/plain', 'application/octet-stream', 'image/png'),
        fc.oneof(nameHazard, fc.string({ maxLength: 8 })),
      )
      .map(([type, tail]) => `${type}${tail}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant([]), fc.constant({})),
  },
);

/** A recipient no one will be sorry to mail: unique, on a reserved test domain. */
export const goodAddress: fc.Arbitrary<string> = fc.uuid().map((id) => `r-${id}@example.test`);

/** The injected addresses below: none may ever appear among what SES was asked to send to. */
export const INJECTED_ADDRESSES = ['x@y.z', 'evil@attacker.test'];

/** E-mail addresses that try to add a header or a recipient, or are no mailbox at all. */
export const badAddress: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'a@b.c\r\nBcc: x@y.z',
      'a@b.c\nBcc: x@y.z',
      'a@b.c\rBcc: x@y.z',
      'a@b.c\r\nCc: evil@attacker.test\r\n',
      'a@b.c\r\n\r\nbody',
      'a@b.c, x@y.z',
      'a@b.c;x@y.z',
      'a@b.c x@y.z',
      'Eve <x@y.z>',
      '"x@y.z"@b.c',
      'x@y.z>',
      '<x@y.z',
      'a@b.c\u0000',
      'a@b.c\u0085Bcc: x@y.z',
      'a@b.c\u2028Bcc: x@y.z',
      'ä@b.c',
      'a@bü.c',
      'a@b',
      '@b.c',
      'a@',
      'a',
      '',
      ' ',
      'a@@b.c',
      `${'x'.repeat(250)}@b.c`,
      `a@${'b'.repeat(300)}.c`,
      '=?utf-8?q?x=40y.z?=@b.c',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.constant({}),
      fc.constant([]),
    ),
  },
);

/**
 * `share_with` as JSON text: lists of good and bad addresses, duplicates, 1000 entries (the
 * limit is 20), and values that are no list.
 */
export const shareWithText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof({ weight: 3, arbitrary: goodAddress }, { weight: 2, arbitrary: badAddress }),
        {
          maxLength: 24,
        },
      )
      .map((list) => JSON.stringify(list)),
  },
  {
    weight: 2,
    arbitrary: fc.array(goodAddress, { minLength: 1, maxLength: 3 }).map((l) => JSON.stringify(l)),
  },
  {
    weight: 1,
    arbitrary: goodAddress.map((address) => JSON.stringify([address, address])),
  },
  {
    weight: 1,
    arbitrary: goodAddress.map((address) => JSON.stringify([address, address.toUpperCase()])),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 21, max: 1000 })
      .map((count) =>
        JSON.stringify(Array.from({ length: count }, (_, i) => `bulk-${i}-${count}@example.test`)),
      ),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify(Array(1000).fill('same@example.test'))) },
  { weight: 1, arbitrary: goodAddress.map((address) => JSON.stringify(address)) },
  { weight: 1, arbitrary: wrongTypeText },
);

/** A free-text field: control characters, the limit and past it, and other types. */
export const textFieldText = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fc.oneof(nameHazard, fc.string({ unit: 'grapheme', maxLength: 8 })), {
          maxLength: 6,
        })
        .map((pieces) => JSON.stringify(pieces.join(''))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        JSON.stringify('m'.repeat(maxLength)),
        JSON.stringify('m'.repeat(maxLength + 1)),
        JSON.stringify('😀'.repeat(maxLength)),
        JSON.stringify('x'.repeat(10 * 1024)),
      ),
    },
    { weight: 1, arbitrary: wrongTypeText },
  );

/** Keys no operation takes, among them those that reach for prototypes. */
export const extraMemberText: fc.Arbitrary<string | undefined> = rarely(
  fc.constantFrom(
    '"__proto__":{"status":"READY","admin":true}',
    '"constructor":{"prototype":{"admin":true}}',
    '"user_id":"someone-else"',
    '"file_id":"0197a1b2-0000-7000-8000-000000000000"',
    '"status":"READY"',
    '"":1',
    // Duplicate keys: JSON.parse keeps the last; so must every reader after it.
    '"file_name":"invoice\\u202Efdp.exe"',
    '"size":-1',
    '"expires_in":1',
    '"share_with":"x@y.z"',
  ),
  6,
);

/** Appends a raw `"k":v` member to an object's JSON text. */
export function withMember(objectText: string, member: string | undefined): string {
  if (member === undefined) return objectText;
  return objectText === '{}' ? `{${member}}` : `${objectText.slice(0, -1)},${member}}`;
}

/** JSON that parses but is no object: arrays, numbers, strings, booleans, null. */
export const nonObjectJson: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'null',
      '0',
      '-1',
      '1e400',
      'true',
      'false',
      '""',
      '"{}"',
      '[]',
      '[{}]',
      '[null]',
      ' [ ] ',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })
      .map((v) => JSON.stringify(v)),
  },
  { weight: 1, arbitrary: fc.string().map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: numberText },
);

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Text that is not JSON, including JSON cut short, too deep, or JavaScript that looks like it. */
export const malformedJson = (validBody: string): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '{',
        '}',
        '{"a":}',
        "{'a':1}",
        '{"a":1,}',
        '{a:1}',
        'undefined',
        'NaN',
        'Infinity',
        '0x10',
        '\u0000',
        '{"a":1}garbage',
        '{"a":1}{"b":2}',
        '[1,2',
        '"unterminated',
        '{"a":"\\x41"}',
        '{"a":"\\u12"}',
        ' ',
        `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`,
        `${'['.repeat(33)}${']'.repeat(33)}`,
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .integer({ min: 1, max: Math.max(1, validBody.length - 1) })
        .map((cut) => validBody.slice(0, cut))
        .filter((text) => !parses(text)),
    },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !parses(text)),
    },
  );

/**
 * Content-Type headers that are not JSON (or are, oddly written), and `null` for no header.
 * Header values cannot carry CR or LF: fetch refuses them before they reach the wire.
 */
export const wrongContentType: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'application/JSON',
  'application/merge-patch+json',
  'application/problem+json',
  'application/jsonx',
  'json',
  '*/*',
  '',
);
