import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FORM_FIELD } from './form-field';

@Component({
  imports: [FORM_FIELD],
  template: `
    <enc-form-field label="New password" [hint]="hint()" [error]="error()" describedBy="rules">
      <input encFieldControl id="pw" />
      <ul encFieldNote id="rules"></ul>
    </enc-form-field>
  `,
})
class Host {
  readonly hint = signal<string | undefined>(undefined);
  readonly error = signal<string | undefined>(undefined);
}

describe('FormField', () => {
  async function render(hint?: string, error?: string) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.hint.set(hint);
    fixture.componentInstance.error.set(error);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { root, input: root.querySelector('#pw') as HTMLInputElement };
  }

  it('labels the control by its id and adds its extra descriptions', async () => {
    const { root, input } = await render();
    expect(root.querySelector('label')?.getAttribute('for')).toBe('pw');
    expect(root.querySelector('label')?.textContent).toBe('New password');
    expect(input.getAttribute('aria-describedby')).toBe('rules');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(root.querySelector('#pw-error')).toBeNull();
  });

  it('describes the control by its hint, then the error, and marks it invalid', async () => {
    const { root, input } = await render('Twelve characters or more.', 'Too short.');
    expect(root.querySelector('#pw-hint')?.textContent).toBe('Twelve characters or more.');
    expect(root.querySelector('#pw-error')?.textContent).toBe('Too short.');
    expect(input.getAttribute('aria-describedby')).toBe('pw-hint rules pw-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the error inside a live region, so it is announced when it appears', async () => {
    const { root } = await render(undefined, 'Too short.');
    expect(root.querySelector('#pw-error')?.parentElement?.getAttribute('aria-live')).toBe(
      'polite',
    );
  });

  it('puts notes after the error', async () => {
    const { root } = await render(undefined, 'Too short.');
    const order = Array.from(root.querySelectorAll('#pw-error, #rules')).map((e) => e.id);
    expect(order).toEqual(['pw-error', 'rules']);
  });
});
