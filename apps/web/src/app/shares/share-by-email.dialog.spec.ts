import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import type { ApiResult } from './api-result';
import { ShareByEmailDialog } from './share-by-email.dialog';
import { SharesApi } from './shares.api';

const FILE = { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: 'report.pdf' };

class FakeSharesApi implements Pick<SharesApi, 'shareByEmail'> {
  answer: ApiResult<Schemas['ShareByEmailResponse']> = {
    ok: true,
    data: { file_id: FILE.id, file_name: FILE.name, status: 'SHARED', shares: [] },
  };
  readonly calls: { fileId: string; body: Schemas['ShareByEmailRequest'] }[] = [];

  shareByEmail(
    fileId: string,
    body: Schemas['ShareByEmailRequest'],
  ): Promise<ApiResult<Schemas['ShareByEmailResponse']>> {
    this.calls.push({ fileId, body });
    return Promise.resolve(this.answer);
  }
}

describe('ShareByEmailDialog', () => {
  let api: FakeSharesApi;
  let fixture: ComponentFixture<ShareByEmailDialog>;
  let done: Schemas['ShareByEmailResponse'][];

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (selector: string): string =>
    page().querySelector(selector)?.textContent?.trim() ?? '';

  async function type(selector: string, value: string): Promise<void> {
    const field = page().querySelector<HTMLTextAreaElement>(selector) as HTMLTextAreaElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function send(): Promise<void> {
    page().querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    api = new FakeSharesApi();
    done = [];
    TestBed.configureTestingModule({
      imports: [ShareByEmailDialog],
      providers: [{ provide: SharesApi, useValue: api }],
    });
    fixture = TestBed.createComponent(ShareByEmailDialog);
    fixture.componentRef.setInput('file', FILE);
    fixture.componentInstance.done.subscribe((shared) => done.push(shared));
    await fixture.whenStable();
  });

  it('names the file and labels every control', () => {
    expect(text('h2')).toBe('Share “report.pdf” by e-mail');
    for (const id of ['share-recipients', 'share-email-expiry', 'share-message'])
      expect(page().querySelector(`label[for=${id}]`)).not.toBeNull();
  });

  it('refuses invalid recipients next to the field, without calling the API', async () => {
    await type('#share-recipients', 'bob@example.com, not-an-address');
    await send();
    expect(text('#share-recipients-error')).toBe('not-an-address is not a valid e-mail address.');
    expect(api.calls).toEqual([]);
  });

  it('refuses more than 20 recipients', async () => {
    await type(
      '#share-recipients',
      Array.from({ length: 21 }, (_, i) => `r${i}@example.com`).join(' '),
    );
    await send();
    expect(text('#share-recipients-error')).toBe(
      'At most 20 recipients at a time (you entered 21).',
    );
    expect(api.calls).toEqual([]);
  });

  it('sends the recipients, expiry and message, and emits what was shared', async () => {
    await type('#share-recipients', 'bob@example.com carol@example.com');
    await type('#share-message', 'Here it is');
    await send();
    expect(api.calls).toEqual([
      {
        fileId: FILE.id,
        body: {
          share_with: ['bob@example.com', 'carol@example.com'],
          expires_in: 86400,
          message: 'Here it is',
        },
      },
    ]);
    expect(done).toEqual([api.answer.ok && api.answer.data]);
  });

  it('shows the API field error next to the field it names', async () => {
    api.answer = {
      ok: false,
      problem: {
        type: 'urn:enclave:problem:validation',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not valid.',
        errors: [
          { field: 'body.share_with.0', message: 'bob@localhost is not a valid e-mail address' },
        ],
      },
    };
    await type('#share-recipients', 'bob@example.com');
    await send();
    expect(text('#share-recipients-error')).toBe('bob@localhost is not a valid e-mail address');
    expect(page().querySelector('[role=alert]')).toBeNull();
    expect(done).toEqual([]);
  });

  it('shows a refusal that names no field at the top', async () => {
    api.answer = {
      ok: false,
      problem: {
        type: 'x',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Share e-mail limit reached.',
      },
    };
    await type('#share-recipients', 'bob@example.com');
    await send();
    expect(text('[role=alert]')).toBe('Share e-mail limit reached.');
  });
});
