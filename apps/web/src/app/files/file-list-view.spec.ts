import { type FileSummary, visibleFiles } from './file-list-view';

function file(file_name: string, size: number, uploaded_at: string): FileSummary {
  return {
    file_id: `id-${file_name}`,
    file_name,
    size,
    uploaded_at,
    content_type: 'application/octet-stream',
    status: 'READY',
  };
}

const files = [
  file('Report 10.pdf', 300, '2026-03-01T10:00:00Z'),
  file('report 9.pdf', 100, '2026-02-01T10:00:00Z'),
  file('holiday photo.jpg', 200, '2026-04-01T10:00:00Z'),
];

const names = (list: FileSummary[]) => list.map((f) => f.file_name);

describe('visibleFiles', () => {
  it('keeps names containing every search word, in any case and order', () => {
    expect(names(visibleFiles(files, 'REPORT', 'name-asc'))).toEqual([
      'report 9.pdf',
      'Report 10.pdf',
    ]);
    expect(names(visibleFiles(files, ' photo  holiday ', 'newest'))).toEqual(['holiday photo.jpg']);
    expect(visibleFiles(files, 'nothing', 'newest')).toEqual([]);
  });

  it('shows everything for an empty search', () => {
    expect(visibleFiles(files, '  ', 'newest')).toHaveLength(3);
  });

  it('sorts by date either way', () => {
    expect(names(visibleFiles(files, '', 'newest'))).toEqual([
      'holiday photo.jpg',
      'Report 10.pdf',
      'report 9.pdf',
    ]);
    expect(names(visibleFiles(files, '', 'oldest'))).toEqual([
      'report 9.pdf',
      'Report 10.pdf',
      'holiday photo.jpg',
    ]);
  });

  it('sorts names as people read them: case-blind, numbers by value', () => {
    expect(names(visibleFiles(files, '', 'name-asc'))).toEqual([
      'holiday photo.jpg',
      'report 9.pdf',
      'Report 10.pdf',
    ]);
    expect(names(visibleFiles(files, '', 'name-desc'))).toEqual([
      'Report 10.pdf',
      'report 9.pdf',
      'holiday photo.jpg',
    ]);
  });

  it('sorts by size either way', () => {
    expect(names(visibleFiles(files, '', 'largest'))).toEqual([
      'Report 10.pdf',
      'holiday photo.jpg',
      'report 9.pdf',
    ]);
    expect(names(visibleFiles(files, '', 'smallest'))).toEqual([
      'report 9.pdf',
      'holiday photo.jpg',
      'Report 10.pdf',
    ]);
  });

  it('leaves the loaded list as it was', () => {
    const before = names(files);
    visibleFiles(files, '', 'smallest');
    expect(names(files)).toEqual(before);
  });
});
