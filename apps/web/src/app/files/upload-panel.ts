import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  output,
  signal,
} from '@angular/core';
import type { UploadResult } from '@enclave/upload-client';
import { errorMessage } from './error-message';
import { FILES_API, UPLOAD_ENGINE, UPLOAD_STATE_STORE } from './files.providers';
import { formatBytes, formatSpeed } from '../core/byte-size';
import { formatDuration, formatPercent } from './format';
import { UploadQueue, type UploadItem, type UploadItemState } from './upload-queue';

const STATE_LABELS: Record<UploadItemState, string> = {
  queued: 'Waiting',
  uploading: 'Uploading',
  paused: 'Paused',
  done: 'Uploaded',
  failed: 'Failed',
  cancelling: 'Cancelling…',
  cancelled: 'Cancelled',
};

/** The drop zone and the queue of uploads under it, with live progress and controls. */
@Component({
  selector: 'enc-upload-panel',
  templateUrl: './upload-panel.html',
  styleUrl: './upload-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    // A file dropped beside the zone would otherwise replace the page with the file.
    '(window:dragover)': '$event.preventDefault()',
    '(window:drop)': '$event.preventDefault()',
    '(window:beforeunload)': 'warnBeforeLeaving($event)',
  },
})
export class UploadPanel {
  /** A file finished uploading. */
  readonly uploaded = output<UploadResult>();

  protected readonly dragging = signal(false);
  protected readonly stateLabels = STATE_LABELS;
  protected readonly bytes = formatBytes;
  protected readonly percent = formatPercent;
  private readonly api = inject(FILES_API);
  private readonly queue = new UploadQueue({
    engine: inject(UPLOAD_ENGINE),
    store: inject(UPLOAD_STATE_STORE),
    describeError: errorMessage,
    onUploaded: (result) => this.uploaded.emit(result),
    deleteRemote: (fileId) => this.api.deleteFile(fileId),
  });
  protected readonly snapshot = signal(this.queue.snapshot());

  constructor() {
    const refresh = () => this.snapshot.set(this.queue.snapshot());
    this.queue.subscribe(refresh);
    // Speeds and times left move between progress reports too.
    const ticker = setInterval(() => {
      if (this.snapshot().totals.uploading > 0) refresh();
    }, 1000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      this.queue.dispose();
    });
  }

  protected add(files: FileList | null | undefined): void {
    if (files?.length) this.queue.add(Array.from(files));
  }

  protected picked(input: HTMLInputElement): void {
    this.add(input.files);
    // Picking the same file again (after a cancel, say) must fire `change` again.
    input.value = '';
  }

  protected dragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected dragLeave(event: DragEvent): void {
    // Moving over the zone's own button fires dragleave too; only leaving the zone counts.
    const zone = event.currentTarget as Node;
    if (!zone.contains(event.relatedTarget as Node | null)) this.dragging.set(false);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.add(event.dataTransfer?.files);
  }

  /** Leaving stops the uploads; the browser asks first while any is unfinished. */
  protected warnBeforeLeaving(event: BeforeUnloadEvent): void {
    if (this.snapshot().totals.unfinished > 0) event.preventDefault();
  }

  protected pause(item: UploadItem): void {
    this.queue.pause(item.id);
  }

  protected resume(item: UploadItem): void {
    this.queue.resume(item.id);
  }

  protected cancel(item: UploadItem): void {
    this.queue.cancel(item.id);
  }

  protected retry(item: UploadItem): void {
    this.queue.retry(item.id);
  }

  protected clearFinished(): void {
    this.queue.clearFinished();
  }

  protected discard(key: string): void {
    void this.queue.discardInterrupted(key);
  }

  /** "1.2 MB of 4.0 MB · 850 kB/s · 3 s left", with only the parts that are known. */
  protected detail(done: number, total: number, speed: number, eta: number | undefined): string {
    const parts = [`${formatBytes(done)} of ${formatBytes(total)}`];
    if (speed > 0) parts.push(formatSpeed(speed));
    if (eta !== undefined && eta > 0) parts.push(`${formatDuration(eta)} left`);
    return parts.join(' · ');
  }
}
