import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { FORM_FIELD } from '../ui/form-field';
import { PasswordRules } from './password-rules';

// The fields the sign-in, sign-up and password-reset pages all ask for, said once here. Each
// shows `error` (from the page's FormFeedback) under its control.

@Component({
  selector: 'enc-email-field',
  imports: [ReactiveFormsModule, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <enc-form-field label="E-mail" [error]="error()">
      <input
        encFieldControl
        [id]="fieldId()"
        type="email"
        [formControl]="control()"
        [attr.autocomplete]="autocomplete()"
      />
    </enc-form-field>
  `,
})
export class EmailField {
  readonly fieldId = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly error = input<string>();
  /** `username` where the address signs in (password managers), `email` on sign-up. */
  readonly autocomplete = input('username');
}

/** The 6-digit code from an authenticator app or an e-mail. */
@Component({
  selector: 'enc-code-field',
  imports: [ReactiveFormsModule, FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <enc-form-field [label]="label()" [error]="error()">
      <input
        encFieldControl
        [id]="fieldId()"
        class="code-input"
        [formControl]="control()"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
      />
    </enc-form-field>
  `,
  styles: `
    .code-input {
      font-size: 1.4rem;
      letter-spacing: 0.3em;
      font-variant-numeric: tabular-nums;
      max-width: 12rem;
    }
  `,
})
export class CodeField {
  readonly fieldId = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly error = input<string>();
  readonly label = input('Code');
}

/** A new password, described by the list of rules it must meet (ticked off while typing). */
@Component({
  selector: 'enc-new-password-field',
  imports: [ReactiveFormsModule, FORM_FIELD, PasswordRules],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <enc-form-field label="New password" [error]="error()" [describedBy]="rulesId()">
      <input
        encFieldControl
        [id]="fieldId()"
        type="password"
        [formControl]="control()"
        autocomplete="new-password"
      />
      <enc-password-rules encFieldNote [listId]="rulesId()" [password]="control().value" />
    </enc-form-field>
  `,
})
export class NewPasswordField {
  readonly fieldId = input.required<string>();
  readonly rulesId = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly error = input<string>();
}

export const AUTH_FIELDS = [EmailField, CodeField, NewPasswordField] as const;
