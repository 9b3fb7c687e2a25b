import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from './auth.service';
import { AUTH_FIELDS } from './auth-fields';
import { FormFeedback } from './form-feedback';
import { emailAddress, sixDigitCode, strongPassword } from './validation';

type Step = { kind: 'email' } | { kind: 'reset'; userId: string; email: string } | { kind: 'done' };

/** A new password with a code e-mailed by the auth service. */
@Component({
  selector: 'enc-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, AUTH_FIELDS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './forgot-password.page.html',
  styleUrl: './auth-page.css',
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  private readonly forms = inject(NonNullableFormBuilder);

  protected readonly step = signal<Step>({ kind: 'email' });

  protected readonly emailForm = this.forms.group({
    email: ['', [Validators.required, emailAddress]],
  });
  protected readonly emailFeedback = new FormFeedback({ email: 'email' });

  protected readonly resetForm = this.forms.group({
    code: ['', [Validators.required, sixDigitCode]],
    newPassword: ['', [Validators.required, strongPassword]],
  });
  protected readonly resetFeedback = new FormFeedback({
    verification_code: 'code',
    new_password: 'newPassword',
  });

  protected async sendCode(): Promise<void> {
    await this.emailFeedback.submit(this.emailForm, async () => {
      const user = await this.auth.forgotPassword(this.emailForm.getRawValue().email.trim());
      this.resetForm.reset();
      this.step.set({ kind: 'reset', userId: user.userId, email: user.email });
    });
  }

  protected async reset(userId: string, email: string): Promise<void> {
    const { code, newPassword } = this.resetForm.getRawValue();
    await this.resetFeedback.submit(this.resetForm, async () => {
      await this.auth.resetPassword(userId, email, code, newPassword);
      this.step.set({ kind: 'done' });
    });
  }

  /** Back to the e-mail step, to have a new code sent (a code allows only a few tries). */
  protected askAgain(): void {
    this.step.set({ kind: 'email' });
  }
}
