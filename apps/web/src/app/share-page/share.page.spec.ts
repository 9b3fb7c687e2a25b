import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import type { ApiResult } from '../shares/api-result';
import { OPEN_URL } from './open-url';
import { PublicShareApi } from './public-share.api';
import { SharePage } from './share.page';

const TOKEN = 'a'.repeat(43);

const SHARE: Schemas['PublicShare'] = {
  file_name: 'Plans <v2>.pdf',
  size: 2_500_000,
  content_type: 'application/pdf',
  expires_at: '2030-01-02T03:04:05Z',
  password_required: false,
  downloads_left: 3,
  shared_by: 'Alice',
  message: '<b>not bold</b>\nsecond line',
};

class FakePublicShareApi implements Pick<PublicShareApi, 'describe' | 'download'> {
  described: ApiResult<Schemas['PublicShare']> = { ok: true, data: SHARE };
  downloaded: ApiResult<Schemas['PublicDownloadResponse']> = {
    ok: true,
    data: { file_name: SHARE.file_name, download_url: 'https://s3.test/obj?sig=1', expires_at: '' },
  };
  readonly downloads: { token: string; body: Schemas['PublicDownloadRequest'] }[] = [];

  describe(): Promise<ApiResult<Schemas['PublicShare']>> {
    return Promise.resolve(this.described);
  }

  download(
    token: string,
    body: Schemas['PublicDownloadRequest'],
  ): Promise<ApiResult<Schemas['PublicDownloadResponse']>> {
    this.downloads.push({ token, body });
    return Promise.resolve(this.downloaded);
  }
}

describe('SharePage', () => {
  let api: FakePublicShareApi;
  let opened: string[];

  async function render(token = TOKEN): Promise<ComponentFixture<SharePage>> {
    TestBed.configureTestingModule({
      imports: [SharePage],
      providers: [
        { provide: PublicShareApi, useValue: api },
        { provide: OPEN_URL, useValue: (url: string) => opened.push(url) },
      ],
    });
    const fixture = TestBed.createComponent(SharePage);
    fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
    return fixture;
  }

  const text = (fixture: ComponentFixture<SharePage>, selector: string): string =>
    (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent?.trim() ?? '';

  async function submit(fixture: ComponentFixture<SharePage>): Promise<void> {
    (fixture.nativeElement as HTMLElement)
      .querySelector('form')
      ?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  beforeEach(() => {
    api = new FakePublicShareApi();
    opened = [];
  });

  it('shows what was shared, the message as text, and downloads through a fresh link', async () => {
    const fixture = await render();
    const page = fixture.nativeElement as HTMLElement;
    expect(text(fixture, 'h1')).toBe('Plans <v2>.pdf');
    expect(text(fixture, '[data-test=size]')).toBe('2.5 MB');
    expect(text(fixture, '[data-test=type]')).toBe('application/pdf');
    expect(text(fixture, '[data-test=shared-by]')).toBe('Alice');
    expect(text(fixture, '[data-test=downloads-left]')).toBe('3');
    expect(page.querySelector('[data-test=message]')?.textContent).toBe(SHARE.message);
    expect(page.querySelector('[data-test=message] b')).toBeNull();
    expect(page.querySelector('#share-password')).toBeNull();

    await submit(fixture);
    expect(api.downloads).toEqual([{ token: TOKEN, body: { disposition: 'attachment' } }]);
    expect(opened).toEqual(['https://s3.test/obj?sig=1']);
    expect(text(fixture, '[data-test=downloads-left]')).toBe('2');
  });

  it('asks for the password, and says next to it when it is wrong', async () => {
    api.described = { ok: true, data: { ...SHARE, password_required: true } };
    const fixture = await render();
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      '#share-password',
    );
    expect(input).not.toBeNull();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('label[for=share-password]'),
    ).not.toBeNull();

    await submit(fixture);
    expect(text(fixture, '#share-password-error')).toBe('Enter the password you were given.');
    expect(api.downloads).toEqual([]);

    api.downloaded = {
      ok: false,
      problem: { type: 'x', title: 'Unauthorized', status: 401, detail: 'wrong password' },
    };
    (input as HTMLInputElement).value = 'guess-one';
    input?.dispatchEvent(new Event('input'));
    await submit(fixture);
    expect(api.downloads[0]?.body).toEqual({ disposition: 'attachment', password: 'guess-one' });
    expect(text(fixture, '#share-password-error')).toBe('That password is not right.');
    expect(opened).toEqual([]);
  });

  it('says in words how long to wait after too many wrong passwords', async () => {
    api.described = { ok: true, data: { ...SHARE, password_required: true } };
    api.downloaded = {
      ok: false,
      problem: { type: 'x', title: 'Too Many Requests', status: 429, detail: 'slow down' },
      retryAfterSeconds: 300,
    };
    const fixture = await render();
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      '#share-password',
    ) as HTMLInputElement;
    input.value = 'guess-two';
    input.dispatchEvent(new Event('input'));
    await submit(fixture);
    expect(text(fixture, '#share-password-error')).toBe(
      'Too many wrong passwords. Try again in 5 minutes.',
    );
  });

  it('shows a gone link with the reason the API gave', async () => {
    api.described = {
      ok: false,
      problem: { type: 'x', title: 'Gone', status: 410, detail: 'This share was revoked.' },
    };
    const fixture = await render();
    expect(text(fixture, 'h1')).toBe('This link no longer works');
    expect(text(fixture, '[role=alert] p')).toBe('This share was revoked.');
    expect((fixture.nativeElement as HTMLElement).querySelector('form')).toBeNull();
  });

  it('shows a link that never existed as not found', async () => {
    api.described = {
      ok: false,
      problem: { type: 'x', title: 'Not Found', status: 404, detail: 'no such share' },
    };
    const fixture = await render();
    expect(text(fixture, 'h1')).toBe('No such link');
  });

  it('does not ask the API about a token that cannot be one', async () => {
    const describe = jest.spyOn(api, 'describe');
    const fixture = await render('short');
    expect(text(fixture, 'h1')).toBe('This link is not valid');
    expect(describe).not.toHaveBeenCalled();
  });

  it('previews a safe type inline, counting the download', async () => {
    api.described = { ok: true, data: { ...SHARE, content_type: 'image/png' } };
    const fixture = await render();
    const preview = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('button'),
    ).find((b) => b.textContent?.trim() === 'Preview');
    preview?.click();
    await fixture.whenStable();
    expect(api.downloads[0]?.body).toEqual({ disposition: 'inline' });
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('.preview img')?.getAttribute('src'),
    ).toBe('https://s3.test/obj?sig=1');
    expect(opened).toEqual([]);
  });

  it('offers no preview for markup', async () => {
    api.described = { ok: true, data: { ...SHARE, content_type: 'image/svg+xml' } };
    const fixture = await render();
    const labels = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('button'),
    ).map((b) => b.textContent?.trim());
    expect(labels).toEqual(['Download']);
  });
});
