import type { Locator } from 'playwright-core';

/** How assistive technology meets a form control's error: its state and its description. */
export interface FieldErrorState {
  invalid: boolean;
  /** The visible text of every element the control's aria-describedby names, in order. */
  description: string[];
}

export function fieldErrorState(control: Locator): Promise<FieldErrorState> {
  return control.evaluate((element) => ({
    invalid: element.getAttribute('aria-invalid') === 'true',
    description: (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter(
        (described): described is HTMLElement => !!described && described.offsetParent !== null,
      )
      .map((described) => described.innerText.trim()),
  }));
}

/**
 * Waits (up to `timeoutMs`) until `control` is marked aria-invalid and one of the visible
 * elements its aria-describedby names says `message`; otherwise fails showing what it found.
 */
export async function expectFieldError(
  control: Locator,
  message: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let state = await fieldErrorState(control);
  while (!(state.invalid && state.description.some((text) => text.includes(message)))) {
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await fieldErrorState(control);
  }
  expect(state).toEqual({
    invalid: true,
    description: expect.arrayContaining([expect.stringContaining(message)]),
  });
}

/** Presses `submit` and expects the message at `control` (see expectFieldError). */
export async function submitExpectingFieldError(
  submit: Locator,
  control: Locator,
  message: string,
): Promise<void> {
  await submit.click();
  await expectFieldError(control, message);
}
