import { malformedXml, parseCompleteRequest } from './complete-request';

const document = (parts: string, root = 'CompleteMultipartUpload'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts}</${root}>`;

describe('parseCompleteRequest', () => {
  it('reads part numbers, ETags (entities decoded) and checksums', () => {
    const xml = document(
      '<Part><ETag>&quot;abc&quot;</ETag><PartNumber>1</PartNumber></Part>' +
        '<!-- a comment -->' +
        '<Part>\n  <PartNumber> 2 </PartNumber>\n  <ETag>def</ETag>\n' +
        '  <ChecksumSHA256>c2hh&#x3D;</ChecksumSHA256>\n</Part>',
    );
    expect(parseCompleteRequest(xml)).toEqual([
      { partNumber: 1, etag: '"abc"', checksums: {} },
      { partNumber: 2, etag: 'def', checksums: { ChecksumSHA256: 'c2hh=' } },
    ]);
  });

  it('keeps the document order (ordering is for the caller to judge)', () => {
    const xml = document(
      '<Part><PartNumber>3</PartNumber><ETag>x</ETag></Part><Part><PartNumber>1</PartNumber><ETag>y</ETag></Part>',
    );
    const parts = parseCompleteRequest(xml);
    expect(Array.isArray(parts) && parts.map((part) => part.partNumber)).toEqual([3, 1]);
  });

  it.each([
    ['an empty body', ''],
    ['no XML', 'PartNumber=1'],
    ['an unclosed root', '<CompleteMultipartUpload>'],
    ['mismatched tags', document('<Part><PartNumber>1</ETag></Part>')],
    ['another root', document('<Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>', 'Parts')],
    ['an empty list', document('')],
    ['a part without PartNumber', document('<Part><ETag>x</ETag></Part>')],
    ['a part without ETag', document('<Part><PartNumber>1</PartNumber></Part>')],
    [
      'a part number that is no number',
      document('<Part><PartNumber>one</PartNumber><ETag>x</ETag></Part>'),
    ],
    ['a bare ampersand', document('<Part><PartNumber>1</PartNumber><ETag>a&b</ETag></Part>')],
    ['an unknown entity', document('<Part><PartNumber>1</PartNumber><ETag>&nbsp;</ETag></Part>')],
    [
      'text after the root',
      `${document('<Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>')}x`,
    ],
  ])('answers MalformedXML to %s', (_, xml) => {
    expect(parseCompleteRequest(xml)).toEqual(malformedXml);
  });

  it('answers InvalidArgument to a part number below 1', () => {
    expect(
      parseCompleteRequest(document('<Part><PartNumber>0</PartNumber><ETag>x</ETag></Part>')),
    ).toMatchObject({ status: 400, code: 'InvalidArgument', message: 'PartNumber must be >= 1' });
  });
});
