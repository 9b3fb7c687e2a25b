import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import type { Schemas } from '@enclave/api-contract';
import { formatBytes } from '../core/byte-size';
import { formatWhen, relativeToNow, waitInWords } from '../shares/formatting';
import { INVALID_LINK, linkProblem, type PageProblem, SHARE_TOKEN } from './link-problem';
import { OPEN_URL } from './open-url';
import { isWebUrl, previewKind } from './preview-kind';
import { PublicShareApi } from './public-share.api';

type Disposition = NonNullable<Schemas['PublicDownloadRequest']['disposition']>;

/** `/s/:token`: what someone shared, and the way to download (or preview) it. No sign-in. */
@Component({
  selector: 'enc-share-page',
  imports: [FormsModule],
  templateUrl: './share.page.html',
  styleUrl: './share.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePage implements OnInit {
  /** The route's `:token`. */
  readonly token = input.required<string>();

  private readonly api = inject(PublicShareApi);
  private readonly openUrl = inject(OPEN_URL);
  private readonly sanitizer = inject(DomSanitizer);

  protected readonly share = signal<Schemas['PublicShare'] | undefined>(undefined);
  protected readonly problem = signal<PageProblem | undefined>(undefined);
  protected readonly password = signal('');
  protected readonly passwordError = signal('');
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly previewUrl = signal<string | undefined>(undefined);

  protected readonly preview = computed(() => {
    const share = this.share();
    return share ? previewKind(share.content_type) : undefined;
  });
  /** Frames need a resource URL; only an http(s) link from the API ever becomes one. */
  protected readonly framedPreview = computed<SafeResourceUrl | undefined>(() => {
    const url = this.previewUrl();
    const kind = this.preview();
    return url && (kind === 'pdf' || kind === 'text')
      ? this.sanitizer.bypassSecurityTrustResourceUrl(url)
      : undefined;
  });

  protected readonly formatBytes = formatBytes;
  protected readonly formatWhen = formatWhen;
  protected readonly relative = (iso: string) => relativeToNow(iso, Date.now());

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    if (!SHARE_TOKEN.test(this.token())) {
      this.problem.set(INVALID_LINK);
      return;
    }
    const result = await this.api.describe(this.token());
    if (result.ok) this.share.set(result.data);
    else this.problem.set(linkProblem(result.problem));
  }

  protected download(): Promise<void> {
    return this.fetchLink('attachment');
  }

  protected showPreview(): Promise<void> {
    return this.fetchLink('inline');
  }

  private async fetchLink(disposition: Disposition): Promise<void> {
    const share = this.share();
    if (!share || this.busy()) return;
    this.passwordError.set('');
    if (share.password_required && this.password() === '') {
      this.passwordError.set('Enter the password you were given.');
      return;
    }
    this.busy.set(true);
    this.status.set(
      disposition === 'inline' ? 'Preparing the preview…' : 'Preparing your download…',
    );
    const result = await this.api.download(this.token(), {
      disposition,
      ...(share.password_required && { password: this.password() }),
    });
    this.busy.set(false);
    if (!result.ok) {
      this.status.set('');
      const { problem } = result;
      if (problem.status === 401) this.passwordError.set('That password is not right.');
      else if (problem.status === 429)
        this.passwordError.set(
          `Too many wrong passwords. Try again in ${waitInWords(result.retryAfterSeconds)}.`,
        );
      else if (problem.status === 0) this.status.set(problem.detail);
      else {
        this.share.set(undefined);
        this.problem.set(linkProblem(problem));
      }
      return;
    }
    const url = result.data.download_url;
    if (!isWebUrl(url)) {
      this.status.set('The service answered with a link that cannot be opened.');
      return;
    }
    this.countDownload(share);
    if (disposition === 'inline') {
      this.status.set('');
      this.previewUrl.set(url);
    } else {
      this.status.set('Your download is starting.');
      this.openUrl(url);
    }
  }

  /** Each link fetched counts one download on the server; show the new count without asking. */
  private countDownload(share: Schemas['PublicShare']): void {
    const left = share.downloads_left;
    if (typeof left === 'number')
      this.share.set({ ...share, downloads_left: Math.max(0, left - 1) });
  }
}
