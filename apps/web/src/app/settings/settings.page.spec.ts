import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Schemas } from '@enclave/api-contract';
import { type Session, SessionStore } from '../core/session.store';
import type { ApiResult } from '../shares/api-result';
import { KeyApi } from './key.api';
import { SettingsPage } from './settings.page';

const SESSION: Session = {
  userId: 'u1',
  email: 'Alice@example.com',
  idToken: 'id',
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresAt: Date.now() + 3_600_000,
};

class FakeKeyApi implements Pick<KeyApi, 'status' | 'shred'> {
  current: ApiResult<Schemas['KeyStatus']> = {
    ok: true,
    data: {
      kms_mode: 'per_user',
      state: 'READY',
      key_id: 'arn:aws:kms:eu-west-1:000000000000:key/k1',
      created_at: '2030-01-01T00:00:00Z',
    },
  };
  shredAnswer: ApiResult<Schemas['ShredResponse']> = {
    ok: true,
    data: {
      kms_mode: 'per_user',
      state: 'SHREDDED',
      key_id: 'arn:aws:kms:eu-west-1:000000000000:key/k1',
      deletion_date: '2030-01-08T00:00:00Z',
      files_removed: 4,
    },
  };
  shreds = 0;

  status(): Promise<ApiResult<Schemas['KeyStatus']>> {
    return Promise.resolve(this.current);
  }

  shred(): Promise<ApiResult<Schemas['ShredResponse']>> {
    this.shreds++;
    return Promise.resolve(this.shredAnswer);
  }
}

describe('SettingsPage', () => {
  let api: FakeKeyApi;
  let fixture: ComponentFixture<SettingsPage>;

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const shredButton = (): HTMLButtonElement =>
    page().querySelector('.danger-zone button') as HTMLButtonElement;

  async function render(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [
        { provide: KeyApi, useValue: api },
        { provide: SessionStore, useValue: { session: signal(SESSION).asReadonly() } },
      ],
    });
    fixture = TestBed.createComponent(SettingsPage);
    await fixture.whenStable();
  }

  async function typeConfirmation(value: string): Promise<void> {
    const input = page().querySelector<HTMLInputElement>('#shred-confirmation') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  beforeEach(() => {
    api = new FakeKeyApi();
  });

  it('explains the mode and the key state', async () => {
    await render();
    expect(page().querySelector('[data-test=mode]')?.textContent).toBe(
      'Encrypted with a key of your own',
    );
    expect(page().querySelector('[data-test=state]')?.textContent).toContain('Ready');
    expect(page().textContent).toContain('arn:aws:kms:eu-west-1:000000000000:key/k1');
  });

  it('keeps the shred button disabled until the e-mail is typed exactly', async () => {
    await render();
    expect(page().querySelector('label[for=shred-confirmation]')?.textContent).toContain(
      'Alice@example.com',
    );
    expect(shredButton().disabled).toBe(true);
    await typeConfirmation('alice@example.com');
    expect(shredButton().disabled).toBe(true);
    await typeConfirmation('Alice@example.co');
    expect(shredButton().disabled).toBe(true);
    await typeConfirmation('Alice@example.com');
    expect(shredButton().disabled).toBe(false);
    expect(api.shreds).toBe(0);
  });

  it('shreds, then shows the files removed and the deletion date', async () => {
    await render();
    await typeConfirmation('Alice@example.com');
    shredButton().click();
    await fixture.whenStable();
    expect(api.shreds).toBe(1);
    const done = page().querySelector('[data-test=shredded]') as HTMLElement;
    expect(done.textContent).toContain('4 files were removed');
    expect(page().querySelector('[data-test=deletion-date]')).not.toBeNull();
    expect(page().querySelector('.danger-zone')).toBeNull();
  });

  it('shows the server’s refusal as it is', async () => {
    api.shredAnswer = {
      ok: false,
      problem: {
        type: 'x',
        title: 'Conflict',
        status: 409,
        detail: 'You have no key to shred yet.',
      },
    };
    await render();
    await typeConfirmation('Alice@example.com');
    shredButton().click();
    await fixture.whenStable();
    expect(page().querySelector('#shred-error')?.textContent?.trim()).toBe(
      'You have no key to shred yet.',
    );
  });

  it('offers no shredding without a key of the user’s own', async () => {
    api.current = { ok: true, data: { kms_mode: 's3', state: 'NONE' } };
    await render();
    expect(page().querySelector('[data-test=mode]')?.textContent).toBe(
      'Encrypted by the storage service',
    );
    expect(page().querySelector('.danger-zone')).toBeNull();
  });
});
