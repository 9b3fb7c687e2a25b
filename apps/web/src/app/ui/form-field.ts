import {
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChild,
  Directive,
  inject,
  input,
} from '@angular/core';

/** The input, select or textarea of an `enc-form-field`: ties its state to the field's messages. */
@Directive({
  selector: '[encFieldControl]',
  host: {
    '[attr.id]': 'id()',
    '[attr.aria-invalid]': 'field.error() ? true : null',
    '[attr.aria-describedby]': 'field.describedByIds()',
  },
})
export class FieldControl {
  /** The control's id, which also names its hint and error (`<id>-hint`, `<id>-error`). */
  readonly id = input.required<string>();
  protected readonly field = inject(FormField);
}

/**
 * One labelled form field: the label, the projected control (marked `encFieldControl`), an
 * optional hint and the error message, wired so a screen reader hears them with the control.
 * The control's own `id` names the rest: `<id>-hint` and `<id>-error`.
 *
 * Anything marked `encFieldNote` (e.g. the password rules) goes after the error; its ids can
 * be added to the control's description with `describedBy`.
 */
@Component({
  selector: 'enc-form-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label [attr.for]="controlId()">{{ label() }}</label>
    <ng-content />
    @if (hint()) {
      <p class="hint muted" [id]="hintId()">{{ hint() }}</p>
    }
    <!-- Always present, so the message is announced when it appears. -->
    <div aria-live="polite">
      @if (error()) {
        <p class="field-error" [id]="errorId()">{{ error() }}</p>
      }
    </div>
    <ng-content select="[encFieldNote]" />
  `,
  styles: `
    :host {
      display: block;
    }
    .hint {
      font-size: 0.9rem;
      margin: 0.25rem 0 0;
    }
  `,
})
export class FormField {
  readonly label = input.required<string>();
  readonly hint = input<string>();
  /** The message to show; none means the field is valid as far as anyone knows. */
  readonly error = input<string | null | undefined>();
  /** Further ids describing the control, e.g. a list of password rules. */
  readonly describedBy = input<string>();

  private readonly control = contentChild.required(FieldControl);
  protected readonly controlId = computed(() => this.control().id());
  protected readonly hintId = computed(() => `${this.controlId()}-hint`);
  protected readonly errorId = computed(() => `${this.controlId()}-error`);

  readonly describedByIds = computed(() => {
    const ids = [
      this.hint() ? this.hintId() : '',
      this.describedBy() ?? '',
      this.error() ? this.errorId() : '',
    ].filter((id) => id !== '');
    return ids.length > 0 ? ids.join(' ') : null;
  });
}

export const FORM_FIELD = [FormField, FieldControl] as const;
