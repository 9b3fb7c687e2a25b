import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FORM_FIELD } from '../ui/form-field';
import { ModalDialog } from '../ui/modal.directive';
import type { Schemas } from '@enclave/api-contract';
import { fieldErrorsOf } from './api-result';
import { formatWhen } from './formatting';
import {
  DEFAULT_EXPIRY_SECONDS,
  EXPIRY_OPTIONS,
  MAX_DOWNLOADS_LIMIT,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './share-limits';
import type { SharedFile } from './shared-file';
import { SharesApi } from './shares.api';

/**
 * Makes a share link and shows its URL once (only its hash is kept, so it cannot be shown
 * again). Emits `done` with the link when the user closes it.
 */
@Component({
  selector: 'enc-create-link-dialog',
  imports: [FormsModule, FORM_FIELD, ModalDialog],
  templateUrl: './create-link.dialog.html',
  styleUrl: './share-dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateLinkDialog {
  readonly file = input.required<SharedFile>();
  readonly done = output<Schemas['ShareLinkResponse']>();
  readonly cancelled = output<void>();

  private readonly api = inject(SharesApi);

  protected readonly expiresIn = signal(DEFAULT_EXPIRY_SECONDS);
  protected readonly password = signal('');
  /** A number input's model: a number, or null / '' when empty. */
  protected readonly maxDownloads = signal<number | string | null>('');
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal('');
  protected readonly busy = signal(false);
  protected readonly link = signal<Schemas['ShareLinkResponse'] | undefined>(undefined);
  protected readonly copyStatus = signal('');

  protected readonly expiryOptions = EXPIRY_OPTIONS;
  protected readonly formatWhen = formatWhen;

  private readonly injector = inject(Injector);
  private readonly linkUrl = viewChild<ElementRef<HTMLInputElement>>('linkUrl');

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.formError.set('');
    const errors: Record<string, string> = {};
    const password = this.password();
    if (password !== '' && password.length < MIN_PASSWORD_LENGTH)
      errors['password'] = `At least ${MIN_PASSWORD_LENGTH} characters.`;
    if (password.length > MAX_PASSWORD_LENGTH)
      errors['password'] = `At most ${MAX_PASSWORD_LENGTH} characters.`;
    const limitText = String(this.maxDownloads() ?? '').trim();
    const limit = Number(limitText);
    if (
      limitText !== '' &&
      !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_DOWNLOADS_LIMIT)
    )
      errors['max_downloads'] =
        `A whole number from 1 to ${MAX_DOWNLOADS_LIMIT}, or empty for no limit.`;
    this.errors.set(errors);
    if (Object.keys(errors).length > 0) return;

    this.busy.set(true);
    const result = await this.api.createLink(this.file().id, {
      expires_in: Number(this.expiresIn()),
      ...(password !== '' && { password }),
      ...(limitText !== '' && { max_downloads: limit }),
    });
    this.busy.set(false);
    if (result.ok) {
      this.link.set(result.data);
      // The form that had focus is gone; the link to copy takes it (and is selected on focus).
      afterNextRender(() => this.linkUrl()?.nativeElement.focus(), { injector: this.injector });
      return;
    }
    const byField = fieldErrorsOf(result.problem);
    this.errors.set(byField);
    if (!['expires_in', 'password', 'max_downloads'].some((f) => byField[f])) {
      this.formError.set(result.problem.detail);
    }
  }

  protected async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copyStatus.set('Copied.');
    } catch {
      this.copyStatus.set('Could not copy; select the link and copy it yourself.');
    }
  }

  protected selectAll(event: Event): void {
    (event.target as HTMLInputElement).select();
  }

  protected close(): void {
    const link = this.link();
    if (link) this.done.emit(link);
    else this.cancelled.emit();
  }
}
