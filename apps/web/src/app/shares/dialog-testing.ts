import type { Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import type { ApiResult } from './api-result';
import { SharesApi } from './shares.api';

// What the share dialogs' specs share: the file, a SharesApi that records calls, and a mounted
// dialog with the few ways a user reaches it (type, submit, press a button).

export const FILE = { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: 'report.pdf' };

type Answer<M extends 'createLink' | 'shareByEmail'> = Awaited<ReturnType<SharesApi[M]>>;

/** Answers each call with `answers[method]` and records what was asked. */
export class FakeSharesApi implements Pick<SharesApi, 'createLink' | 'shareByEmail'> {
  constructor(
    public answers: {
      createLink?: Answer<'createLink'>;
      shareByEmail?: Answer<'shareByEmail'>;
    } = {},
  ) {}
  readonly calls: { fileId: string; body: object }[] = [];

  createLink(fileId: string, body: Schemas['CreateShareLinkRequest']) {
    return this.answer(fileId, body, this.answers.createLink);
  }

  shareByEmail(fileId: string, body: Schemas['ShareByEmailRequest']) {
    return this.answer(fileId, body, this.answers.shareByEmail);
  }

  private answer<T>(fileId: string, body: object, answer: ApiResult<T> | undefined) {
    this.calls.push({ fileId, body });
    if (!answer) throw new Error('no answer set for this call');
    return Promise.resolve(answer);
  }
}

/** The API's 400 answer naming one request field, e.g. `body.expires_in`. */
export function validationRefusal(field: string, message: string): ApiResult<never> {
  return {
    ok: false,
    problem: {
      type: 'urn:enclave:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ field, message }],
    },
  };
}

export interface MountedDialog<C> {
  fixture: ComponentFixture<C>;
  page: () => HTMLElement;
  /** The trimmed text of the first match, '' when nothing matches. */
  text: (selector: string) => string;
  button: (label: string) => HTMLButtonElement;
  type: (selector: string, value: string) => Promise<void>;
  submit: () => Promise<void>;
}

/** Renders `dialog` for FILE with `api` behind it. */
export async function mountDialog<C>(
  dialog: Type<C>,
  api: FakeSharesApi,
): Promise<MountedDialog<C>> {
  TestBed.configureTestingModule({
    imports: [dialog],
    providers: [{ provide: SharesApi, useValue: api }],
  });
  const fixture = TestBed.createComponent(dialog);
  fixture.componentRef.setInput('file', FILE);
  await fixture.whenStable();
  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  return {
    fixture,
    page,
    text: (selector) => page().querySelector(selector)?.textContent?.trim() ?? '',
    button: (label) => {
      const found = Array.from(page().querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === label,
      );
      if (!found) throw new Error(`no button "${label}"`);
      return found;
    },
    async type(selector, value) {
      const field = page().querySelector<HTMLInputElement>(selector);
      if (!field) throw new Error(`no field ${selector}`);
      field.value = value;
      field.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    },
    async submit() {
      page().querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    },
  };
}
