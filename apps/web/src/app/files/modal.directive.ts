import { Directive, ElementRef, inject, type OnDestroy, type OnInit, output } from '@angular/core';

/**
 * Opens its <dialog> as a modal while it exists: the browser then traps focus, shades the page
 * and closes on Escape, which `closed` reports so the owner can drop its state.
 */
@Directive({
  selector: 'dialog[encModal]',
  host: { '(close)': 'closed.emit()' },
})
export class ModalDialog implements OnInit, OnDestroy {
  readonly closed = output<void>();
  private readonly dialog = inject<ElementRef<HTMLDialogElement>>(ElementRef).nativeElement;

  ngOnInit(): void {
    this.dialog.showModal();
  }

  ngOnDestroy(): void {
    if (this.dialog.open) this.dialog.close();
  }
}
