import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FileKind } from './file-kind';

/**
 * A document outline with a mark for its kind, drawn inline so it looks the same everywhere
 * (emoji fonts vary). Decorative: the row says the kind in words.
 */
@Component({
  selector: 'enc-file-icon',
  host: { 'aria-hidden': 'true', '[class]': 'kind()' },
  template: `
    <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
      <path class="sheet" d="M6 2.5h8.5L19 7v14.5H6z M14.5 2.5V7H19" />
      @switch (kind()) {
        @case ('image') {
          <circle cx="10" cy="11" r="1.5" />
          <path d="M7.5 19l3.5-4.5 2 2.5 2-2.5 2.5 4.5z" />
        }
        @case ('video') {
          <path d="M10 11v7l5.5-3.5z" />
        }
        @case ('audio') {
          <path class="line" d="M11 18.5V11l5-1.5v7" />
          <circle cx="9.8" cy="18.5" r="1.4" />
          <circle cx="14.8" cy="16.5" r="1.4" />
        }
        @case ('pdf') {
          <text x="12.5" y="17.5" text-anchor="middle">PDF</text>
        }
        @case ('text') {
          <path class="line" d="M9 11h7M9 14h7M9 17h4.5" />
        }
        @case ('archive') {
          <path class="line" d="M12 3v2M12 7v2M12 11v2" />
          <rect x="10.5" y="14" width="3" height="4" rx="0.5" />
        }
        @case ('other') {}
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      color: var(--muted);
    }
    :host(.image) {
      color: #d2a8ff;
    }
    :host(.video) {
      color: #ff7b72;
    }
    :host(.audio) {
      color: #56d4dd;
    }
    :host(.pdf) {
      color: #f85149;
    }
    :host(.text) {
      color: var(--accent);
    }
    :host(.archive) {
      color: var(--warning);
    }
    svg {
      fill: currentColor;
    }
    .sheet,
    .line {
      fill: none;
      stroke: currentColor;
      stroke-width: 1.4;
      stroke-linejoin: round;
    }
    .sheet {
      stroke: var(--muted);
    }
    text {
      font:
        700 5px system-ui,
        sans-serif;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FileIcon {
  readonly kind = input.required<FileKind>();
}
