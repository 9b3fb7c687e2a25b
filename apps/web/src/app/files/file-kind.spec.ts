import { FILE_KIND_LABELS, fileKind, previewKind, type FileKind } from './file-kind';

describe('fileKind', () => {
  it.each([
    ['image/png', 'a.bin', 'image'],
    ['video/mp4', 'a', 'video'],
    ['audio/mpeg', 'a', 'audio'],
    ['application/pdf', 'report', 'pdf'],
    ['text/plain; charset=utf-8', 'notes', 'text'],
    ['application/json', 'data', 'text'],
    ['application/zip', 'bundle', 'archive'],
    ['application/x-7z-compressed', 'bundle', 'archive'],
    ['application/vnd.ms-excel', 'sheet.xls', 'other'],
  ])('reads %s (%s) as %s', (type, name, kind) => {
    expect(fileKind(type, name)).toBe(kind);
  });

  it.each([
    ['photo.JPG', 'image'],
    ['clip.webm', 'video'],
    ['song.flac', 'audio'],
    ['paper.pdf', 'pdf'],
    ['readme.md', 'text'],
    ['backup.tar.gz', 'archive'],
    ['.bashrc', 'other'],
    ['noextension', 'other'],
  ])('falls back to the extension of %s when the type is generic', (name, kind) => {
    expect(fileKind('application/octet-stream', name)).toBe(kind);
  });

  it('has a label for every kind', () => {
    const kinds: FileKind[] = ['image', 'video', 'audio', 'pdf', 'text', 'archive', 'other'];
    expect(Object.keys(FILE_KIND_LABELS).sort()).toEqual([...kinds].sort());
    expect(FILE_KIND_LABELS.pdf).toBe('PDF document');
  });
});

describe('previewKind', () => {
  it.each([
    ['image/jpeg', 'a.jpg', 'image'],
    ['video/webm', 'a.webm', 'video'],
    ['audio/ogg', 'a.ogg', 'audio'],
    ['application/pdf', 'a.pdf', 'pdf'],
    ['text/plain', 'a.txt', 'text'],
    ['text/csv; charset=utf-8', 'a.csv', 'text'],
  ])('previews %s as %s', (type, name, kind) => {
    expect(previewKind(type, name)).toBe(kind);
  });

  it.each([
    ['text/html', 'page.html'],
    ['image/svg+xml', 'logo.svg'],
    ['application/xhtml+xml', 'page.xhtml'],
    ['text/xml', 'feed.xml'],
    ['text/plain', 'page.html'],
    ['image/png', 'logo.svg'],
    ['application/octet-stream', 'photo.jpg'],
    ['application/zip', 'a.zip'],
  ])('never previews %s named %s', (type, name) => {
    expect(previewKind(type, name)).toBeUndefined();
  });
});
