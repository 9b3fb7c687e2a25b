import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import type { ApiResult } from './api-result';
import { SharesApi } from './shares.api';
import { SharesPage } from './shares.page';

const SHARE: Schemas['Share'] = {
  share_id: '01890a5d-ac96-774b-bcce-b302099a8057',
  file_id: '01890a5d-ac96-774b-bcce-b302099a8058',
  file_name: 'report.pdf',
  kind: 'EMAIL',
  recipient: 'bob@example.com',
  created_at: '2030-01-01T00:00:00Z',
  expires_at: '2030-01-08T00:00:00Z',
  downloads: 1,
  max_downloads: 5,
  state: 'ACTIVE',
};

type Fake = Pick<SharesApi, 'list' | 'get' | 'revoke' | 'changeExpiry'>;

class FakeSharesApi implements Fake {
  readonly revoked: string[] = [];
  readonly changed: [string, number][] = [];

  list(): Promise<ApiResult<Schemas['ShareList']>> {
    return Promise.resolve({
      ok: true,
      data: {
        user_id: 'u1',
        shares: [SHARE, { ...SHARE, share_id: 'other', kind: 'LINK', recipient: undefined }],
        next_cursor: null,
      },
    });
  }

  get(shareId: string): Promise<ApiResult<Schemas['ShareDetail']>> {
    return Promise.resolve({
      ok: true,
      data: {
        ...SHARE,
        share_id: shareId,
        access_log: [{ at: '2030-01-02T00:00:00Z', outcome: 'DOWNLOADED', ip: '198.51.100.7' }],
      },
    });
  }

  revoke(shareId: string): Promise<ApiResult<Schemas['Share']>> {
    this.revoked.push(shareId);
    return Promise.resolve({ ok: true, data: { ...SHARE, share_id: shareId, state: 'REVOKED' } });
  }

  changeExpiry(shareId: string, expiresIn: number): Promise<ApiResult<Schemas['Share']>> {
    this.changed.push([shareId, expiresIn]);
    return Promise.resolve({ ok: true, data: { ...SHARE, share_id: shareId } });
  }
}

describe('SharesPage', () => {
  let api: FakeSharesApi;
  let fixture: ComponentFixture<SharesPage>;

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const row = (id: string): HTMLElement =>
    page().querySelector(`tr[data-share="${id}"]`) as HTMLElement;
  const button = (within: HTMLElement, label: string): HTMLButtonElement =>
    Array.from(within.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === label,
    ) as HTMLButtonElement;

  beforeEach(async () => {
    api = new FakeSharesApi();
    TestBed.configureTestingModule({
      imports: [SharesPage],
      providers: [{ provide: SharesApi, useValue: api }],
    });
    fixture = TestBed.createComponent(SharesPage);
    await fixture.whenStable();
  });

  it('lists each share with its recipient or "Link", downloads and state', () => {
    const first = row(SHARE.share_id);
    expect(first.textContent).toContain('report.pdf');
    expect(first.textContent).toContain('bob@example.com');
    expect(first.querySelector('[data-label=Downloads]')?.textContent?.trim()).toBe('1 / 5');
    expect(first.querySelector('.badge')?.textContent?.trim()).toBe('Active');
    expect(row('other').querySelector('[data-label="Shared with"]')?.textContent?.trim()).toBe(
      'Link',
    );
  });

  it('asks to confirm before revoking, and shows the share revoked after', async () => {
    button(row(SHARE.share_id), 'Revoke').click();
    await fixture.whenStable();
    expect(api.revoked).toEqual([]);
    const confirm = page().querySelector('[role=alertdialog]') as HTMLElement;
    expect(confirm.textContent).toContain('Revoke this share of report.pdf?');

    button(confirm, 'Yes, revoke').click();
    await fixture.whenStable();
    expect(api.revoked).toEqual([SHARE.share_id]);
    expect(page().querySelector('[role=alertdialog]')).toBeNull();
    expect(row(SHARE.share_id).querySelector('.badge')?.textContent?.trim()).toBe('Revoked');
    expect(button(row(SHARE.share_id), 'Revoke')).toBeUndefined();
  });

  it('does not revoke when the confirmation is cancelled', async () => {
    button(row(SHARE.share_id), 'Revoke').click();
    await fixture.whenStable();
    button(page().querySelector('[role=alertdialog]') as HTMLElement, 'Cancel').click();
    await fixture.whenStable();
    expect(page().querySelector('[role=alertdialog]')).toBeNull();
    expect(api.revoked).toEqual([]);
  });

  it('confirms in a modal dialog that starts on Cancel and hands focus back to Revoke', async () => {
    const revoke = button(row(SHARE.share_id), 'Revoke');
    revoke.focus();
    revoke.click();
    await fixture.whenStable();
    const confirm = page().querySelector('dialog[role=alertdialog]') as HTMLDialogElement;
    expect(confirm.open).toBe(true);
    expect(document.activeElement).toBe(button(confirm, 'Cancel'));

    confirm.close(); // what Escape does
    await fixture.whenStable();
    expect(page().querySelector('[role=alertdialog]')).toBeNull();
    expect(document.activeElement).toBe(revoke);
    expect(api.revoked).toEqual([]);
  });

  it('changes the expiry to the chosen duration', async () => {
    button(row(SHARE.share_id), 'Change expiry').click();
    await fixture.whenStable();
    const select = page().querySelector<HTMLSelectElement>(
      `#expiry-${SHARE.share_id}`,
    ) as HTMLSelectElement;
    expect(page().querySelector(`label[for="expiry-${SHARE.share_id}"]`)).not.toBeNull();
    select.selectedIndex = 3;
    select.dispatchEvent(new Event('change'));
    page().querySelector('form.expiry')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api.changed).toEqual([[SHARE.share_id, 30 * 86400]]);
    expect(page().querySelector('form.expiry')).toBeNull();
  });

  it('opens a share to show its access log', async () => {
    button(row(SHARE.share_id), 'Access log').click();
    await fixture.whenStable();
    const log = page().querySelector('.log') as HTMLElement;
    expect(log.querySelector('h2')?.textContent).toContain('report.pdf');
    expect(log.textContent).toContain('Downloaded');
    expect(log.textContent).toContain('198.51.100.7');
  });
});
