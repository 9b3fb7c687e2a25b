import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { errorMessage } from './error-message';
import {
  FILE_KIND_LABELS,
  fileKind,
  previewKind,
  type FileKind,
  type PreviewKind,
} from './file-kind';
import { FILE_SORT_LABELS, visibleFiles, type FileSort, type FileSummary } from './file-list-view';
import { FILES_API, NAVIGATE_TO } from './files.providers';
import { FileIcon } from './file-icon';
import { formatBytes } from '../core/byte-size';
import { ModalDialog } from '../ui/modal.directive';
import { CreateLinkDialog, ShareByEmailDialog, type SharedFile } from '../shares';

interface Preview {
  file: FileSummary;
  kind: PreviewKind;
  url: string;
  /** For the sandboxed frame (PDF, text), which Angular only binds as a trusted resource URL. */
  frameUrl?: SafeResourceUrl;
}

interface PendingDelete {
  file: FileSummary;
  busy: boolean;
  error?: string;
}

/** The user's files: search, sort, pages, and per file download, preview and delete. */
@Component({
  selector: 'enc-file-library',
  imports: [DatePipe, FileIcon, ModalDialog, ShareByEmailDialog, CreateLinkDialog],
  templateUrl: './file-library.html',
  styleUrl: './file-library.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FileLibrary {
  private readonly api = inject(FILES_API);
  private readonly navigateTo = inject(NAVIGATE_TO);
  private readonly sanitizer = inject(DomSanitizer);

  protected readonly files = signal<FileSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | undefined>(undefined);
  protected readonly actionError = signal<string | undefined>(undefined);
  protected readonly search = signal('');
  protected readonly sort = signal<FileSort>('newest');
  protected readonly visible = computed(() =>
    visibleFiles(this.files(), this.search(), this.sort()),
  );
  protected readonly previewing = signal<Preview | undefined>(undefined);
  protected readonly deleting = signal<PendingDelete | undefined>(undefined);
  /** The file whose sharing dialog is open: by e-mail, or a link. */
  protected readonly sharing = signal<{ file: SharedFile; kind: 'email' | 'link' } | undefined>(
    undefined,
  );

  protected readonly sorts = Object.entries(FILE_SORT_LABELS) as [FileSort, string][];
  protected readonly bytes = formatBytes;
  // A newer load makes the answers of older ones stale.
  private generation = 0;

  constructor() {
    void this.refresh();
  }

  /** Loads the first page again (after an upload, say). */
  async refresh(): Promise<void> {
    await this.load(undefined);
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor) await this.load(cursor);
  }

  protected kindOf(file: FileSummary): { kind: FileKind; label: string } {
    const kind = fileKind(file.content_type, file.file_name);
    return { kind, label: FILE_KIND_LABELS[kind] };
  }

  protected canPreview(file: FileSummary): boolean {
    return file.status === 'READY' && previewKind(file.content_type, file.file_name) !== undefined;
  }

  protected setSort(value: string): void {
    if (value in FILE_SORT_LABELS) this.sort.set(value as FileSort);
  }

  protected async download(file: FileSummary): Promise<void> {
    this.actionError.set(undefined);
    try {
      const { download_url } = await this.api.getDownloadUrl(file.file_id, 'attachment');
      this.navigateTo(download_url);
    } catch (error) {
      this.actionError.set(`Could not download ${file.file_name}: ${errorMessage(error)}`);
    }
  }

  protected async preview(file: FileSummary): Promise<void> {
    const kind = previewKind(file.content_type, file.file_name);
    if (!kind) return;
    this.actionError.set(undefined);
    try {
      const { download_url: url } = await this.api.getDownloadUrl(file.file_id, 'inline');
      if (!/^https?:\/\//i.test(url)) throw new Error('unexpected download URL');
      // Only our API's presigned URL is trusted, and the frame it opens in runs no script.
      const frameUrl =
        kind === 'pdf' || kind === 'text'
          ? this.sanitizer.bypassSecurityTrustResourceUrl(url)
          : undefined;
      this.previewing.set({ file, kind, url, ...(frameUrl ? { frameUrl } : {}) });
    } catch (error) {
      this.actionError.set(`Could not preview ${file.file_name}: ${errorMessage(error)}`);
    }
  }

  protected closePreview(): void {
    this.previewing.set(undefined);
  }

  protected share(file: FileSummary, kind: 'email' | 'link'): void {
    this.sharing.set({ file: { id: file.file_id, name: file.file_name }, kind });
  }

  protected askDelete(file: FileSummary): void {
    this.deleting.set({ file, busy: false });
  }

  protected cancelDelete(): void {
    if (!this.deleting()?.busy) this.deleting.set(undefined);
  }

  protected async confirmDelete(): Promise<void> {
    const pending = this.deleting();
    if (!pending || pending.busy) return;
    const { file } = pending;
    this.deleting.set({ file, busy: true });
    try {
      await this.api.deleteFile(file.file_id);
      this.files.update((files) => files.filter((f) => f.file_id !== file.file_id));
      this.deleting.set(undefined);
    } catch (error) {
      this.deleting.set({ file, busy: false, error: errorMessage(error) });
    }
  }

  private async load(cursor: string | undefined): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.loadError.set(undefined);
    try {
      const page = await this.api.listFiles(cursor ? { cursor } : {});
      if (generation !== this.generation) return;
      this.files.update((files) => (cursor ? [...files, ...page.user_files] : page.user_files));
      this.nextCursor.set(page.next_cursor);
      this.loaded.set(true);
    } catch (error) {
      if (generation === this.generation) this.loadError.set(errorMessage(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
