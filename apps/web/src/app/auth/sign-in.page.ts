import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';
import { type MfaChallenge, UnconfirmedUserError } from './auth-client';
import { AuthService } from './auth.service';
import { FORM_FIELD } from '../ui/form-field';
import { AUTH_FIELDS } from './auth-fields';
import { FormFeedback } from './form-feedback';
import { safeNext } from './safe-next';
import { emailAddress, sixDigitCode } from './validation';

/** Sign-in in two steps: e-mail and password, then the authenticator app's code. */
@Component({
  selector: 'enc-sign-in-page',
  imports: [ReactiveFormsModule, FORM_FIELD, RouterLink, AUTH_FIELDS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.page.html',
  styleUrl: './auth-page.css',
})
export class SignInPage {
  /** The page the `signedIn` guard sent the user here from (query parameter). */
  readonly next = input<string>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly forms = inject(NonNullableFormBuilder);

  protected readonly product = PRODUCT_NAME;
  protected readonly challenge = signal<MfaChallenge | undefined>(undefined);
  /** An account whose sign-up stopped before the password was changed: where to finish it. */
  protected readonly unfinished = signal<{ user: string; email: string } | undefined>(undefined);

  protected readonly passwordForm = this.forms.group({
    email: ['', [Validators.required, emailAddress]],
    password: ['', Validators.required],
  });
  protected readonly passwordFeedback = new FormFeedback({
    email: 'email',
    password: 'password',
  });

  protected readonly codeForm = this.forms.group({
    code: ['', [Validators.required, sixDigitCode]],
  });
  protected readonly codeFeedback = new FormFeedback({ otp_code: 'code' });

  protected async signIn(): Promise<void> {
    const { email, password } = this.passwordForm.getRawValue();
    this.unfinished.set(undefined);
    await this.passwordFeedback.submit(this.passwordForm, async () => {
      const step = await this.auth.signIn(email.trim(), password).catch((error: unknown) => {
        if (error instanceof UnconfirmedUserError)
          this.unfinished.set({ user: error.userId, email: email.trim() });
        throw error;
      });
      if (step.kind === 'signedIn') {
        await this.goOn();
        return;
      }
      this.codeForm.reset();
      this.challenge.set(step.challenge);
      afterNextRender(() => this.document.getElementById('sign-in-code')?.focus(), {
        injector: this.injector,
      });
    });
  }

  protected async verify(challenge: MfaChallenge): Promise<void> {
    await this.codeFeedback.submit(this.codeForm, async () => {
      await this.auth.verifyMfa(challenge, this.codeForm.getRawValue().code);
      await this.goOn();
    });
  }

  /** Back to the password step, e.g. after the code challenge expired. */
  protected startOver(): void {
    this.challenge.set(undefined);
    this.passwordForm.controls.password.reset();
  }

  private async goOn(): Promise<void> {
    await this.router.navigateByUrl(safeNext(this.next()));
  }
}
