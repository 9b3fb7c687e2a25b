import { computed, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { AuthError } from './auth-client';
import { validationMessage } from './validation';

/**
 * The messages a form shows: per control, the auth service's message when its answer named that
 * control's field, else the first client-side rule broken (once touched or submitted); and at the
 * top, any service message that names no field of the form.
 */
export class FormFeedback {
  private readonly error = signal<AuthError | undefined>(undefined);
  /** True while a request is out, so the submit button can say so and not be pressed twice. */
  readonly busy = signal(false);

  /** @param fields the service's field names (e.g. `mobile_phone_number`) → this form's controls. */
  constructor(private readonly fields: Readonly<Record<string, string>> = {}) {}

  readonly formMessage = computed(() => {
    const error = this.error();
    if (!error) return undefined;
    return error.field && this.fields[error.field] ? undefined : error.message;
  });

  fieldMessage(name: string, control: AbstractControl): string | undefined {
    const error = this.error();
    if (error?.field && this.fields[error.field] === name) return error.message;
    return control.touched ? validationMessage(control.errors) : undefined;
  }

  /**
   * Runs `request` for a valid form: clears the last answer, marks busy, and keeps a failure
   * for display. Answers whether it succeeded. An invalid form only shows its messages.
   */
  async submit(form: AbstractControl, request: () => Promise<void>): Promise<boolean> {
    form.markAllAsTouched();
    if (form.invalid || this.busy()) return false;
    this.error.set(undefined);
    this.busy.set(true);
    try {
      await request();
      return true;
    } catch (error) {
      this.error.set(
        error instanceof AuthError ? error : new AuthError(0, 'Something went wrong; try again.'),
      );
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
