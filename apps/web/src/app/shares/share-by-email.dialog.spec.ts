import type { Schemas } from '@enclave/api-contract';
import {
  FakeSharesApi,
  FILE,
  mountDialog,
  type MountedDialog,
  validationRefusal,
} from './dialog-testing';
import { ShareByEmailDialog } from './share-by-email.dialog';

const SHARED: Schemas['ShareByEmailResponse'] = {
  file_id: FILE.id,
  file_name: FILE.name,
  status: 'SHARED',
  shares: [],
};

describe('ShareByEmailDialog', () => {
  let api: FakeSharesApi;
  let dialog: MountedDialog<ShareByEmailDialog>;
  let done: Schemas['ShareByEmailResponse'][];
  let cancelled: number;

  beforeEach(async () => {
    api = new FakeSharesApi({ shareByEmail: { ok: true, data: SHARED } });
    done = [];
    cancelled = 0;
    dialog = await mountDialog(ShareByEmailDialog, api);
    dialog.fixture.componentInstance.done.subscribe((shared) => done.push(shared));
    dialog.fixture.componentInstance.cancelled.subscribe(() => cancelled++);
  });

  it('opens as a modal dialog with focus on the recipients', () => {
    expect((dialog.page().querySelector('dialog') as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement?.id).toBe('share-recipients');
  });

  it('cancels when the browser closes it (Escape)', () => {
    (dialog.page().querySelector('dialog') as HTMLDialogElement).close();
    expect(cancelled).toBe(1);
  });

  it('ties the hint and, once there is one, the error to the field', async () => {
    const field = dialog.page().querySelector('#share-recipients') as HTMLElement;
    expect(field.getAttribute('aria-describedby')).toBe('share-recipients-hint');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    await dialog.type('#share-recipients', 'not-an-address');
    await dialog.submit();
    expect(field.getAttribute('aria-describedby')).toBe(
      'share-recipients-hint share-recipients-error',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('names the file and labels every control', () => {
    expect(dialog.text('h2')).toBe('Share “report.pdf” by e-mail');
    for (const id of ['share-recipients', 'share-email-expiry', 'share-message'])
      expect(dialog.page().querySelector(`label[for=${id}]`)).not.toBeNull();
  });

  it('refuses invalid recipients next to the field, without calling the API', async () => {
    await dialog.type('#share-recipients', 'bob@example.com, not-an-address');
    await dialog.submit();
    expect(dialog.text('#share-recipients-error')).toBe(
      'not-an-address is not a valid e-mail address.',
    );
    expect(api.calls).toEqual([]);
  });

  it('refuses more than 20 recipients', async () => {
    await dialog.type(
      '#share-recipients',
      Array.from({ length: 21 }, (_, i) => `r${i}@example.com`).join(' '),
    );
    await dialog.submit();
    expect(dialog.text('#share-recipients-error')).toBe(
      'At most 20 recipients at a time (you entered 21).',
    );
    expect(api.calls).toEqual([]);
  });

  it('sends the recipients, expiry and message, and emits what was shared', async () => {
    await dialog.type('#share-recipients', 'bob@example.com carol@example.com');
    await dialog.type('#share-message', 'Here it is');
    await dialog.submit();
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
    expect(done).toEqual([SHARED]);
  });

  it('shows the API field error next to the field it names', async () => {
    api.answers.shareByEmail = validationRefusal(
      'body.share_with.0',
      'bob@localhost is not a valid e-mail address',
    );
    await dialog.type('#share-recipients', 'bob@example.com');
    await dialog.submit();
    expect(dialog.text('#share-recipients-error')).toBe(
      'bob@localhost is not a valid e-mail address',
    );
    expect(dialog.page().querySelector('[role=alert]')).toBeNull();
    expect(done).toEqual([]);
  });

  it('shows a refusal that names no field at the top', async () => {
    api.answers.shareByEmail = {
      ok: false,
      problem: {
        type: 'x',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Share e-mail limit reached.',
      },
    };
    await dialog.type('#share-recipients', 'bob@example.com');
    await dialog.submit();
    expect(dialog.text('[role=alert]')).toBe('Share e-mail limit reached.');
  });
});
