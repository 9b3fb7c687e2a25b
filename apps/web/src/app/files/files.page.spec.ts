import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import { ApiError, type FilesApi } from '@enclave/upload-client';
import { FILES_API, NAVIGATE_TO, UPLOAD_ENGINE, UPLOAD_STATE_STORE } from './files.providers';
import { FilesPage } from './files.page';
import { LocalUploadStateStore } from './local-upload-state-store';
import { fakeEngine, fakeFile, type FakeUploadTask } from './upload-queue.fakes';

type FileSummary = Schemas['FileSummary'];

function summary(
  file_id: string,
  file_name: string,
  content_type: string,
  extra: Partial<FileSummary> = {},
): FileSummary {
  return {
    file_id,
    file_name,
    content_type,
    size: 2048,
    uploaded_at: '2026-11-30T12:00:00Z',
    status: 'READY',
    ...extra,
  };
}

/** The API as the page sees it, answering from a list the test sets. */
class FakeFilesApi implements FilesApi {
  pages: Schemas['FileList'][] = [];
  listed: (string | undefined)[] = [];
  deleted: string[] = [];
  deleteError?: unknown;
  listError?: unknown;

  createFile = () => Promise.reject(new Error('not used'));
  getFile = () => Promise.reject(new Error('not used'));
  presignParts = () => Promise.reject(new Error('not used'));
  listUploadedParts = () => Promise.reject(new Error('not used'));
  completeFile = () => Promise.reject(new Error('not used'));

  async listFiles(query: { cursor?: string } = {}): Promise<Schemas['FileList']> {
    this.listed.push(query.cursor);
    if (this.listError) throw this.listError;
    const page = query.cursor ? this.pages[1] : this.pages[0];
    // A copy, as from the network: the test may change its pages later.
    const answer = page ?? { user_id: 'user-1', user_files: [], next_cursor: null };
    return { ...answer, user_files: answer.user_files.map((file) => ({ ...file })) };
  }

  async deleteFile(fileId: string): Promise<Schemas['DeleteFileResponse']> {
    if (this.deleteError) throw this.deleteError;
    this.deleted.push(fileId);
    return { file_id: fileId, file_name: 'x', file_status: 'DELETED' };
  }

  async getDownloadUrl(
    fileId: string,
    disposition?: 'attachment' | 'inline',
  ): Promise<Schemas['DownloadResponse']> {
    return {
      file_id: fileId,
      file_name: 'x',
      download_url: `https://s3.example/${fileId}?disposition=${disposition}`,
      expires_at: '2026-12-01T00:00:00Z',
    };
  }
}

const page = (
  user_files: FileSummary[],
  next_cursor: string | null = null,
): Schemas['FileList'] => ({
  user_id: 'user-1',
  user_files,
  next_cursor,
});

describe('FilesPage', () => {
  let api: FakeFilesApi;
  let tasks: FakeUploadTask[];
  let navigated: string[];
  let fixture: ComponentFixture<FilesPage>;
  let root: HTMLElement;

  beforeEach(() => {
    localStorage.clear();
    api = new FakeFilesApi();
    api.pages = [
      page(
        [
          summary('f1', 'holiday.jpg', 'image/jpeg'),
          summary('f2', 'notes.txt', 'text/plain', { size: 10 }),
          summary('f3', 'index.html', 'text/html'),
          summary('f4', 'film.mkv', 'video/x-matroska', { status: 'UPLOADING' }),
        ],
        'cursor-2',
      ),
      page([summary('f5', 'archive.zip', 'application/zip')]),
    ];
    navigated = [];
    const fake = fakeEngine();
    tasks = fake.tasks;
    // The page provides the real API, engine and store itself; these replace them.
    TestBed.overrideComponent(FilesPage, {
      set: {
        providers: [
          { provide: FILES_API, useValue: api },
          { provide: UPLOAD_ENGINE, useValue: fake.engine },
          {
            provide: UPLOAD_STATE_STORE,
            useValue: new LocalUploadStateStore(localStorage, 'user-1'),
          },
          { provide: NAVIGATE_TO, useValue: (url: string) => navigated.push(url) },
        ],
      },
    });
  });

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(FilesPage);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const rows = () =>
    Array.from(root.querySelectorAll<HTMLLIElement>('ul[aria-label="Files"] > li'));
  const names = () => rows().map((row) => row.querySelector('.name')?.textContent?.trim());
  const row = (name: string) =>
    rows().find((r) => r.querySelector('.name')?.textContent?.trim() === name) as HTMLElement;
  const button = (within: ParentNode, text: string) =>
    Array.from(within.querySelectorAll('button')).find((b) =>
      b.textContent?.trim().startsWith(text),
    ) as HTMLButtonElement;

  it('lists the files from the API with their kind, status and actions', async () => {
    await render();
    expect(names()).toEqual(['holiday.jpg', 'notes.txt', 'index.html', 'film.mkv']);
    const photo = row('holiday.jpg');
    expect(photo.querySelector('.icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(photo.textContent).toContain('Image · 2.0 kB');
    expect(photo.querySelector('.badge')?.textContent).toBe('READY');
    expect(button(photo, 'Preview')).toBeDefined();
    // HTML is never previewed; an unfinished upload can only be deleted.
    expect(button(row('index.html'), 'Preview')).toBeUndefined();
    expect(row('film.mkv').querySelector('.badge')?.textContent).toBe('UPLOADING');
    expect(button(row('film.mkv'), 'Download')).toBeUndefined();
  });

  it('loads the next page on "Load more" until there is none', async () => {
    await render();
    button(root, 'Load more').click();
    await fixture.whenStable();
    expect(api.listed).toEqual([undefined, 'cursor-2']);
    expect(names()).toContain('archive.zip');
    expect(button(root, 'Load more')).toBeUndefined();
  });

  it('filters the loaded files by name as the user types', async () => {
    await render();
    const search = root.querySelector<HTMLInputElement>('#file-search') as HTMLInputElement;
    search.value = 'NOTES';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(names()).toEqual(['notes.txt']);
    search.value = 'nothing-like-it';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(root.textContent).toContain(
      'No loaded file matches “nothing-like-it”. Load more to search further.',
    );
  });

  it('sorts by the chosen order', async () => {
    await render();
    const sort = root.querySelector<HTMLSelectElement>('#file-sort') as HTMLSelectElement;
    sort.value = 'smallest';
    sort.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(names()[0]).toBe('notes.txt');
  });

  it('asks before deleting, and deletes only once confirmed', async () => {
    await render();
    button(row('notes.txt'), 'Delete').click();
    await fixture.whenStable();
    const dialog = root.querySelector('dialog[role="alertdialog"]') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Delete notes.txt?');
    expect(api.deleted).toEqual([]);

    button(dialog, 'Keep it').click();
    await fixture.whenStable();
    expect(root.querySelector('dialog')).toBeNull();
    expect(api.deleted).toEqual([]);

    button(row('notes.txt'), 'Delete').click();
    await fixture.whenStable();
    button(root.querySelector('dialog') as HTMLElement, 'Delete').click();
    await fixture.whenStable();
    expect(api.deleted).toEqual(['f2']);
    expect(names()).not.toContain('notes.txt');
    expect(root.querySelector('dialog')).toBeNull();
  });

  it('keeps the dialog open with the reason when a delete fails', async () => {
    api.deleteError = new ApiError(503, undefined, 'deleteFile');
    await render();
    button(row('notes.txt'), 'Delete').click();
    await fixture.whenStable();
    button(root.querySelector('dialog') as HTMLElement, 'Delete').click();
    await fixture.whenStable();
    expect(root.querySelector('dialog [role="alert"]')?.textContent).toContain(
      'try again in a moment',
    );
    expect(names()).toContain('notes.txt');
  });

  it('downloads through a fresh presigned URL', async () => {
    await render();
    button(row('holiday.jpg'), 'Download').click();
    await fixture.whenStable();
    expect(navigated).toEqual(['https://s3.example/f1?disposition=attachment']);
  });

  it('previews an image inline in a dialog', async () => {
    await render();
    button(row('holiday.jpg'), 'Preview').click();
    await fixture.whenStable();
    const image = root.querySelector('dialog.preview img') as HTMLImageElement;
    expect(image.src).toBe('https://s3.example/f1?disposition=inline');
    expect(image.alt).toBe('holiday.jpg');
  });

  it('previews text in a sandboxed frame', async () => {
    await render();
    button(row('notes.txt'), 'Preview').click();
    await fixture.whenStable();
    const frame = root.querySelector('dialog.preview iframe') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.src).toBe('https://s3.example/f2?disposition=inline');
  });

  it('says when there are no files yet', async () => {
    api.pages = [];
    await render();
    expect(root.textContent).toContain('No files yet — drop files above.');
  });

  it('says what to do when the API is unavailable, and loads on "Try again"', async () => {
    api.listError = new ApiError(503, undefined, 'listFiles');
    await render();
    const alert = root.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('try again in a moment');
    api.listError = undefined;
    button(alert, 'Try again').click();
    await fixture.whenStable();
    expect(names()).toHaveLength(4);
  });

  it('uploads picked files with live progress and refreshes the list when one finishes', async () => {
    await render();
    const input = root.querySelector<HTMLInputElement>('#upload-picker') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [fakeFile('new.pdf', 1000)],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const task = tasks[0] as FakeUploadTask;
    task.progress(0);
    task.progress(250);
    await fixture.whenStable();
    const bar = root.querySelector('[aria-label="Upload of new.pdf"]') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(root.textContent).toContain('250 B of 1.0 kB');

    api.pages[0]?.user_files.unshift(
      summary('f9', 'new.pdf', 'application/pdf', { uploaded_at: '2026-12-01T00:00:00Z' }),
    );
    task.finish('f9');
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(api.listed).toEqual([undefined, undefined]);
    expect(names()[0]).toBe('new.pdf');
  });

  it('pauses, resumes and cancels an upload from its buttons', async () => {
    await render();
    const input = root.querySelector<HTMLInputElement>('#upload-picker') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [fakeFile('big.iso', 5000)],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const task = tasks[0] as FakeUploadTask;
    const queue = root.querySelector('ul[aria-label="Uploads"]') as HTMLElement;

    button(queue, 'Pause').click();
    await fixture.whenStable();
    expect(task.paused).toBe(true);
    expect(queue.querySelector('.state')?.textContent).toContain('Paused');

    button(queue, 'Resume').click();
    await fixture.whenStable();
    expect(task.paused).toBe(false);

    button(queue, 'Cancel').click();
    await fixture.whenStable();
    expect(task.cancelled).toBe(true);
    expect(queue.querySelector('.state')?.textContent).toContain('Cancelled');
  });

  it('lists uploads a reload left unfinished and asks for the same files again', async () => {
    await new LocalUploadStateStore(localStorage, 'user-1').set(
      { name: 'big.iso', size: 3000, mtimeMs: 5 },
      {
        fileIdentity: { name: 'big.iso', size: 3000, mtimeMs: 5 },
        file_id: 'f-big',
        part_size: 1000,
        part_count: 3,
        checksums: false,
        done: [{ part_number: 1, etag: '"1"' }],
      },
    );
    await render();
    const notice = root.querySelector('.notice') as HTMLElement;
    expect(notice.textContent).toContain('Choose or drop the same files again');
    expect(notice.textContent).toContain('big.iso');
    expect(notice.textContent).toContain('1.0 kB of 3.0 kB sent');
  });
});
