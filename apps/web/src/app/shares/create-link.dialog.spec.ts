import type { Schemas } from '@enclave/api-contract';
import { CreateLinkDialog } from './create-link.dialog';
import {
  FakeSharesApi,
  FILE,
  mountDialog,
  type MountedDialog,
  validationRefusal,
} from './dialog-testing';

const LINK: Schemas['ShareLinkResponse'] = {
  share_id: '01890a5d-ac96-774b-bcce-b302099a8059',
  file_id: FILE.id,
  url: `https://enclave.test/s/${'t'.repeat(43)}`,
  token: 't'.repeat(43),
  expires_at: '2030-01-08T00:00:00Z',
  max_downloads: 3,
  password_protected: true,
};

describe('CreateLinkDialog', () => {
  let api: FakeSharesApi;
  let dialog: MountedDialog<CreateLinkDialog>;
  let done: Schemas['ShareLinkResponse'][];
  let cancelled: number;
  let copied: string[];

  beforeEach(async () => {
    api = new FakeSharesApi({ createLink: { ok: true, data: LINK } });
    done = [];
    cancelled = 0;
    copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (value: string) => Promise.resolve(void copied.push(value)) },
    });
    dialog = await mountDialog(CreateLinkDialog, api);
    dialog.fixture.componentInstance.done.subscribe((link) => done.push(link));
    dialog.fixture.componentInstance.cancelled.subscribe(() => cancelled++);
  });

  it('opens as a modal dialog with focus on its first field', () => {
    const modal = dialog.page().querySelector('dialog') as HTMLDialogElement;
    expect(modal.open).toBe(true);
    expect(modal.getAttribute('aria-labelledby')).toBe('link-title');
    expect(document.activeElement?.id).toBe('link-expiry');
  });

  it('cancels when the browser closes it (Escape)', () => {
    (dialog.page().querySelector('dialog') as HTMLDialogElement).close();
    expect(cancelled).toBe(1);
    expect(done).toEqual([]);
  });

  it('refuses a short password next to the field', async () => {
    await dialog.type('#link-password', 'short');
    await dialog.submit();
    expect(dialog.text('#link-password-error')).toBe('At least 8 characters.');
    expect(api.calls).toEqual([]);
  });

  it('creates the link, shows its URL once with a Copy button, and emits it when done', async () => {
    await dialog.type('#link-password', 'correct horse');
    await dialog.type('#link-max-downloads', '3');
    await dialog.submit();
    expect(api.calls).toEqual([
      {
        fileId: FILE.id,
        body: { expires_in: 86400, password: 'correct horse', max_downloads: 3 },
      },
    ]);
    expect(dialog.page().querySelector<HTMLInputElement>('#link-url')?.value).toBe(LINK.url);
    expect(document.activeElement?.id).toBe('link-url');

    dialog.button('Copy').click();
    await dialog.fixture.whenStable();
    expect(copied).toEqual([LINK.url]);
    expect(dialog.text('[role=status]')).toBe('Copied.');

    expect(done).toEqual([]);
    dialog.button('Done').click();
    expect(done).toEqual([LINK]);
  });

  it('shows the API field error next to the field it names', async () => {
    api.answers.createLink = validationRefusal('body.expires_in', 'must be at most 604800');
    await dialog.submit();
    expect(dialog.text('#link-expiry-error')).toBe('must be at most 604800');
  });
});
