import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FORM_FIELD } from '../ui/form-field';
import { ModalDialog } from '../ui/modal.directive';
import type { Schemas } from '@enclave/api-contract';
import { fieldErrorsOf } from './api-result';
import { parseRecipients } from './recipients';
import { DEFAULT_EXPIRY_SECONDS, EXPIRY_OPTIONS, MAX_MESSAGE_LENGTH } from './share-limits';
import type { SharedFile } from './shared-file';
import { SharesApi } from './shares.api';

// The contract's message pattern: no control characters but tab and line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** E-mails a personal link to each recipient. Emits `done` with what was shared. */
@Component({
  selector: 'enc-share-by-email-dialog',
  imports: [FormsModule, FORM_FIELD, ModalDialog],
  templateUrl: './share-by-email.dialog.html',
  styleUrl: './share-dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShareByEmailDialog {
  readonly file = input.required<SharedFile>();
  readonly done = output<Schemas['ShareByEmailResponse']>();
  readonly cancelled = output<void>();

  private readonly api = inject(SharesApi);

  protected readonly recipients = signal('');
  protected readonly expiresIn = signal(DEFAULT_EXPIRY_SECONDS);
  protected readonly message = signal('');
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal('');
  protected readonly busy = signal(false);

  protected readonly expiryOptions = EXPIRY_OPTIONS;
  protected readonly maxMessageLength = MAX_MESSAGE_LENGTH;
  protected readonly messageLength = computed(() => this.message().length);

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.formError.set('');
    const parsed = parseRecipients(this.recipients());
    const errors: Record<string, string> = {};
    if (!parsed.ok) errors['share_with'] = parsed.error;
    if (this.message().length > MAX_MESSAGE_LENGTH)
      errors['message'] = `At most ${MAX_MESSAGE_LENGTH} characters.`;
    else if (CONTROL_CHARACTERS.test(this.message()))
      errors['message'] = 'Remove the control characters (only line breaks and tabs may stay).';
    this.errors.set(errors);
    if (!parsed.ok || Object.keys(errors).length > 0) return;

    this.busy.set(true);
    const result = await this.api.shareByEmail(this.file().id, {
      share_with: parsed.recipients,
      expires_in: Number(this.expiresIn()),
      ...(this.message().trim() !== '' && { message: this.message() }),
    });
    this.busy.set(false);
    if (result.ok) {
      this.done.emit(result.data);
      return;
    }
    const byField = fieldErrorsOf(result.problem);
    this.errors.set(byField);
    // A refusal that names no field of this form (rate limit, file not ready…) goes on top.
    if (!['share_with', 'expires_in', 'message'].some((f) => byField[f])) {
      this.formError.set(result.problem.detail);
    }
  }
}
