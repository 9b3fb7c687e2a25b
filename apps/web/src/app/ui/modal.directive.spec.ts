import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ModalDialog } from './modal.directive';

@Component({
  imports: [ModalDialog],
  template: `
    <button id="opener" (click)="open.set(true)">Open</button>
    @if (open()) {
      <dialog encModal (closed)="closes = closes + 1; open.set(false)">
        <button id="risky">Delete</button>
        <button id="safe" autofocus (click)="open.set(false)">Keep it</button>
      </dialog>
    }
  `,
})
class Host {
  readonly open = signal(false);
  closes = 0;
}

describe('ModalDialog', () => {
  async function openFromButton() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const opener = root.querySelector('#opener') as HTMLButtonElement;
    opener.focus();
    opener.click();
    await fixture.whenStable();
    return { fixture, root, opener };
  }

  it('opens as a modal and puts focus on the autofocus control, not the first one', async () => {
    const { root } = await openFromButton();
    expect((root.querySelector('dialog') as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement?.id).toBe('safe');
  });

  it('gives focus back to the opener when its owner removes it', async () => {
    const { fixture, root, opener } = await openFromButton();
    (root.querySelector('#safe') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(root.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(fixture.componentInstance.closes).toBe(0);
  });

  it('reports a close by the browser (Escape) so the owner drops it', async () => {
    const { fixture, root } = await openFromButton();
    (root.querySelector('dialog') as HTMLDialogElement).close();
    await fixture.whenStable();
    expect(fixture.componentInstance.closes).toBe(1);
    expect(root.querySelector('dialog')).toBeNull();
  });
});
