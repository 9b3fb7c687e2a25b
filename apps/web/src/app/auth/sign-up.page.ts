import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';
import { AuthService, type TotpEnrolment } from './auth.service';
import { FORM_FIELD } from '../ui/form-field';
import { AUTH_FIELDS } from './auth-fields';
import { FormFeedback } from './form-feedback';
import { QR_CODE_RENDERER } from './qr-code';
import { groupInFours } from './totp-uri';
import { e164Phone, emailAddress, sixDigitCode, strongPassword } from './validation';

type Step =
  | { kind: 'details' }
  | { kind: 'password'; userId: string; email: string }
  | { kind: 'enrol'; enrolment: TotpEnrolment; qrCode: string | undefined }
  | { kind: 'done'; email: string };

/**
 * Account creation as the auth service runs it: details → the e-mailed temporary password and
 * a new one → authenticator app enrolment (QR code or typed key, then a code) → done.
 */
@Component({
  selector: 'enc-sign-up-page',
  imports: [ReactiveFormsModule, FORM_FIELD, RouterLink, AUTH_FIELDS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-up.page.html',
  styleUrls: ['./auth-page.css', './sign-up.page.css'],
})
export class SignUpPage implements OnInit {
  /** Query parameters from sign-in's "finish setting up": resume at the password step. */
  readonly user = input<string>();
  readonly email = input<string>();

  private readonly auth = inject(AuthService);
  private readonly renderQrCode = inject(QR_CODE_RENDERER);
  private readonly forms = inject(NonNullableFormBuilder);

  protected readonly product = PRODUCT_NAME;
  protected readonly step = signal<Step>({ kind: 'details' });
  protected readonly groupInFours = groupInFours;

  protected readonly detailsForm = this.forms.group({
    fullName: ['', Validators.required],
    email: ['', [Validators.required, emailAddress]],
    phone: ['', [Validators.required, e164Phone]],
  });
  protected readonly detailsFeedback = new FormFeedback({
    full_name: 'fullName',
    email: 'email',
    mobile_phone_number: 'phone',
  });

  protected readonly passwordForm = this.forms.group({
    temporaryPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, strongPassword]],
  });
  protected readonly passwordFeedback = new FormFeedback({
    temporary_password: 'temporaryPassword',
    new_password: 'newPassword',
  });

  protected readonly codeForm = this.forms.group({
    code: ['', [Validators.required, sixDigitCode]],
  });
  protected readonly codeFeedback = new FormFeedback({ otp: 'code' });

  ngOnInit(): void {
    const userId = this.user();
    const email = this.email();
    if (userId && email) this.step.set({ kind: 'password', userId, email });
  }

  protected async createAccount(): Promise<void> {
    const { fullName, email, phone } = this.detailsForm.getRawValue();
    await this.detailsFeedback.submit(this.detailsForm, async () => {
      const user = await this.auth.signUp({
        fullName: fullName.trim(),
        email: email.trim(),
        mobilePhoneNumber: phone.trim(),
      });
      this.step.set({ kind: 'password', userId: user.userId, email: user.email });
    });
  }

  protected async setPassword(userId: string, email: string): Promise<void> {
    const { temporaryPassword, newPassword } = this.passwordForm.getRawValue();
    await this.passwordFeedback.submit(this.passwordForm, async () => {
      const enrolment = await this.auth.confirm(
        userId,
        email,
        temporaryPassword.trim(),
        newPassword,
      );
      // Without a picture the key can still be typed in, so a drawing failure is not an error.
      const qrCode = await this.renderQrCode(enrolment.uri).catch(() => undefined);
      this.step.set({ kind: 'enrol', enrolment, qrCode });
    });
  }

  protected async confirmCode(enrolment: TotpEnrolment): Promise<void> {
    await this.codeFeedback.submit(this.codeForm, async () => {
      await this.auth.confirmMfa(
        enrolment.userId,
        enrolment.email,
        this.codeForm.getRawValue().code,
      );
      this.step.set({ kind: 'done', email: enrolment.email });
    });
  }
}
