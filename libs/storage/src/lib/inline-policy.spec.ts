import { servedAs } from './inline-policy';

describe('servedAs', () => {
  it.each([
    'image/png',
    'image/jpeg',
    'audio/mpeg',
    'video/mp4',
    'application/pdf',
    'text/plain; charset=utf-8',
  ])('serves %s inline as stored: a browser runs nothing in it', (type) => {
    expect(servedAs(type, 'inline')).toEqual({ contentType: type, disposition: 'inline' });
  });

  it.each([
    'text/html',
    'TEXT/HTML; charset=utf-8',
    'image/svg+xml',
    'application/xhtml+xml',
    'text/xml',
    'application/javascript',
    'text/javascript',
    'application/rss+xml',
  ])('serves %s asked for inline as plain text, never as a document', (type) => {
    expect(servedAs(type, 'inline')).toEqual({
      contentType: 'text/plain; charset=utf-8',
      disposition: 'inline',
    });
  });

  it.each(['application/octet-stream', 'application/x-msdownload', 'not a type', ''])(
    'serves %j asked for inline as an attachment',
    (type) => {
      expect(servedAs(type, 'inline')).toEqual({ contentType: type, disposition: 'attachment' });
    },
  );

  it('keeps every attachment as stored', () => {
    expect(servedAs('text/html', 'attachment')).toEqual({
      contentType: 'text/html',
      disposition: 'attachment',
    });
  });
});
