import {
  afterNextRender,
  Directive,
  ElementRef,
  inject,
  type OnDestroy,
  type OnInit,
  output,
} from '@angular/core';

/**
 * Opens its <dialog> as a modal while it exists: the browser then traps focus, makes the page
 * behind inert and closes on Escape, which `closed` reports so the owner can drop its state.
 *
 * Focus starts on the element marked `autofocus` (else the browser's choice, the first control),
 * and goes back to what had it before, e.g. the button that opened the dialog, when it goes away:
 * Angular removes the element rather than closing it, and a removed dialog restores nothing.
 */
@Directive({
  selector: 'dialog[encModal]',
  host: { '(close)': 'onClose()' },
})
export class ModalDialog implements OnInit, OnDestroy {
  readonly closed = output<void>();
  private readonly dialog = inject<ElementRef<HTMLDialogElement>>(ElementRef).nativeElement;
  private opener: Element | null = null;
  private leaving = false;

  constructor() {
    // Content inside @if blocks exists only after the first render, so look for it then.
    afterNextRender(() => this.dialog.querySelector<HTMLElement>('[autofocus]')?.focus());
  }

  ngOnInit(): void {
    this.opener = this.dialog.ownerDocument.activeElement;
    this.dialog.showModal();
  }

  protected onClose(): void {
    // Closing it ourselves on the way out is no news to the owner, who removed it.
    if (!this.leaving) this.closed.emit();
  }

  ngOnDestroy(): void {
    this.leaving = true;
    if (this.dialog.open) this.dialog.close();
    const opener = this.opener;
    const active = this.dialog.ownerDocument.activeElement;
    const focusWasHere =
      !active || active === this.dialog.ownerDocument.body || this.dialog.contains(active);
    if (opener instanceof HTMLElement && opener.isConnected && focusWasHere) opener.focus();
  }
}
