import type { ComponentFixture } from '@angular/core/testing';

/** Types `value` into the input with `id` and leaves it, as a user would. */
export function typeInto(fixture: ComponentFixture<unknown>, id: string, value: string): void {
  const input = element<HTMLInputElement>(fixture, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

export function element<E extends Element = HTMLElement>(
  fixture: ComponentFixture<unknown>,
  selector: string,
): E {
  const found = (fixture.nativeElement as HTMLElement).querySelector<E>(selector);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found;
}

export function text(fixture: ComponentFixture<unknown>, selector: string): string | undefined {
  return (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent?.trim();
}

/** Submits the page's form and waits until every answer has been rendered. */
export async function submit(fixture: ComponentFixture<unknown>): Promise<void> {
  element<HTMLFormElement>(fixture, 'form').dispatchEvent(new Event('submit'));
  await fixture.whenStable();
}
