import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { PASSWORD_RULES } from './validation';

/** The service's password rules, each ticked off as the typed password meets it. */
@Component({
  selector: 'enc-password-rules',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="rules" [id]="listId()">
      @for (rule of rules; track rule.label) {
        @let met = rule.test(password());
        <li [class.met]="met">
          <span aria-hidden="true">{{ met ? '✓' : '•' }}</span>
          {{ rule.label }}<span class="sr-only">{{ met ? ' (met)' : ' (not met yet)' }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .rules {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      font-size: 0.9rem;
      color: var(--muted);
    }
    .rules li {
      display: flex;
      gap: 0.4rem;
    }
    .met {
      color: var(--success);
    }
  `,
})
export class PasswordRules {
  readonly password = input.required<string>();
  /** For the password input's aria-describedby. */
  readonly listId = input.required<string>();
  protected readonly rules = PASSWORD_RULES;
}
