import { isWebUrl, previewKind } from './preview-kind';

describe('previewKind', () => {
  it.each([
    ['image/png', 'image'],
    ['image/JPEG', 'image'],
    ['video/mp4', 'video'],
    ['audio/mpeg', 'audio'],
    ['application/pdf', 'pdf'],
    ['text/plain; charset=utf-8', 'text'],
  ])('previews %s as %s', (type, kind) => {
    expect(previewKind(type)).toBe(kind);
  });

  it.each([
    'image/svg+xml',
    'text/html',
    'application/xhtml+xml',
    'text/xml',
    'application/javascript',
    'application/octet-stream',
  ])('never previews %s', (type) => {
    expect(previewKind(type)).toBeUndefined();
  });
});

describe('isWebUrl', () => {
  it('accepts only http(s) links', () => {
    expect(isWebUrl('https://bucket.s3.amazonaws.com/k?X-Amz-Signature=1')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,<b>')).toBe(false);
  });
});
