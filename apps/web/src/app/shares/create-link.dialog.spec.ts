import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import type { ApiResult } from './api-result';
import { CreateLinkDialog } from './create-link.dialog';
import { SharesApi } from './shares.api';

const FILE = { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: 'report.pdf' };
const LINK: Schemas['ShareLinkResponse'] = {
  share_id: '01890a5d-ac96-774b-bcce-b302099a8059',
  file_id: FILE.id,
  url: `https://enclave.test/s/${'t'.repeat(43)}`,
  token: 't'.repeat(43),
  expires_at: '2030-01-08T00:00:00Z',
  max_downloads: 3,
  password_protected: true,
};

class FakeSharesApi implements Pick<SharesApi, 'createLink'> {
  answer: ApiResult<Schemas['ShareLinkResponse']> = { ok: true, data: LINK };
  readonly calls: { fileId: string; body: Schemas['CreateShareLinkRequest'] }[] = [];

  createLink(
    fileId: string,
    body: Schemas['CreateShareLinkRequest'],
  ): Promise<ApiResult<Schemas['ShareLinkResponse']>> {
    this.calls.push({ fileId, body });
    return Promise.resolve(this.answer);
  }
}

describe('CreateLinkDialog', () => {
  let api: FakeSharesApi;
  let fixture: ComponentFixture<CreateLinkDialog>;
  let done: Schemas['ShareLinkResponse'][];
  let copied: string[];

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (selector: string): string =>
    page().querySelector(selector)?.textContent?.trim() ?? '';
  const button = (label: string): HTMLButtonElement =>
    Array.from(page().querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === label,
    ) as HTMLButtonElement;

  async function type(selector: string, value: string): Promise<void> {
    const field = page().querySelector<HTMLInputElement>(selector) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function create(): Promise<void> {
    page().querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    api = new FakeSharesApi();
    done = [];
    copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (value: string) => Promise.resolve(void copied.push(value)) },
    });
    TestBed.configureTestingModule({
      imports: [CreateLinkDialog],
      providers: [{ provide: SharesApi, useValue: api }],
    });
    fixture = TestBed.createComponent(CreateLinkDialog);
    fixture.componentRef.setInput('file', FILE);
    fixture.componentInstance.done.subscribe((link: Schemas['ShareLinkResponse']) =>
      done.push(link),
    );
    await fixture.whenStable();
  });

  it('refuses a short password next to the field', async () => {
    await type('#link-password', 'short');
    await create();
    expect(text('#link-password-error')).toBe('At least 8 characters.');
    expect(api.calls).toEqual([]);
  });

  it('creates the link, shows its URL once with a Copy button, and emits it when done', async () => {
    await type('#link-password', 'correct horse');
    await type('#link-max-downloads', '3');
    await create();
    expect(api.calls).toEqual([
      {
        fileId: FILE.id,
        body: { expires_in: 86400, password: 'correct horse', max_downloads: 3 },
      },
    ]);
    expect(page().querySelector<HTMLInputElement>('#link-url')?.value).toBe(LINK.url);

    button('Copy').click();
    await fixture.whenStable();
    expect(copied).toEqual([LINK.url]);
    expect(text('[role=status]')).toBe('Copied.');

    expect(done).toEqual([]);
    button('Done').click();
    expect(done).toEqual([LINK]);
  });

  it('shows the API field error next to the field it names', async () => {
    api.answer = {
      ok: false,
      problem: {
        type: 'urn:enclave:problem:validation',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not valid.',
        errors: [{ field: 'body.expires_in', message: 'must be at most 604800' }],
      },
    };
    await create();
    expect(text('#link-expiry-error')).toBe('must be at most 604800');
  });
});
