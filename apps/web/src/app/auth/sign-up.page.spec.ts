import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AUTH_CLIENT, AuthError } from './auth-client';
import { FakeAuthClient } from './auth-client.fakes';
import { element, submit, text, typeInto } from './page-testing.fakes';
import { QR_CODE_RENDERER } from './qr-code';
import { SignUpPage } from './sign-up.page';

describe('SignUpPage', () => {
  let client: FakeAuthClient;
  let drawn: string[];

  beforeEach(() => {
    sessionStorage.clear();
    client = new FakeAuthClient();
    drawn = [];
    TestBed.configureTestingModule({
      imports: [SignUpPage],
      providers: [
        provideRouter([]),
        { provide: AUTH_CLIENT, useValue: client },
        {
          provide: QR_CODE_RENDERER,
          useValue: async (text: string) => {
            drawn.push(text);
            return 'data:image/png;base64,AAAA';
          },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SignUpPage);
    await fixture.whenStable();
    return fixture;
  }

  async function fillDetails(fixture: Awaited<ReturnType<typeof render>>, phone = '+15555550100') {
    typeInto(fixture, 'sign-up-name', 'Ada Lovelace');
    typeInto(fixture, 'sign-up-email', 'ada@example.com');
    typeInto(fixture, 'sign-up-phone', phone);
    await submit(fixture);
  }

  it('refuses a phone number that is not E.164 and calls nothing', async () => {
    const fixture = await render();

    await fillDetails(fixture, '555 0100');

    expect(text(fixture, '#sign-up-phone-error')).toMatch(/international form/);
    expect(text(fixture, '#sign-up-email-error')).toBeUndefined();
    expect(client.calls).toEqual([]);
  });

  it('flags every empty field when submitted blank', async () => {
    const fixture = await render();

    await submit(fixture);

    for (const id of ['sign-up-name', 'sign-up-email', 'sign-up-phone']) {
      expect(text(fixture, `#${id}-error`)).toBe('This field is required.');
    }
  });

  it('shows the service message next to the field it names', async () => {
    client.answers.signUp = new AuthError(
      400,
      'An account with the given email already exists.',
      'email',
    );
    const fixture = await render();

    await fillDetails(fixture);

    expect(text(fixture, '#sign-up-email-error')).toBe(
      'An account with the given email already exists.',
    );
    expect(fixture.nativeElement.querySelector('[role="alert"]')).toBeNull();
  });

  it('creates the account and asks for the e-mailed temporary password', async () => {
    const fixture = await render();

    await fillDetails(fixture);

    expect(client.called('signUp')).toEqual([
      [{ fullName: 'Ada Lovelace', email: 'ada@example.com', mobilePhoneNumber: '+15555550100' }],
    ]);
    expect(text(fixture, 'h1')).toBe('Check your e-mail');
    expect(text(fixture, 'p.muted strong')).toBe('ada@example.com');
    expect(text(fixture, '[aria-current="step"]')).toBe('Password');
  });

  it('goes on to enrolment with the QR code and the key in groups of four, then done', async () => {
    const fixture = await render();
    await fillDetails(fixture);

    typeInto(fixture, 'sign-up-temporary', 'Temp-1aaa');
    typeInto(fixture, 'sign-up-new-password', 'weak');
    await submit(fixture);
    expect(text(fixture, '#sign-up-new-password-error')).toMatch(/does not meet every rule/);
    expect(client.called('confirm')).toEqual([]);

    typeInto(fixture, 'sign-up-new-password', 'Much-better1');
    await submit(fixture);

    expect(client.called('confirm')).toEqual([
      ['u-1', 'ada@example.com', 'Temp-1aaa', 'Much-better1'],
    ]);
    expect(drawn).toEqual([
      expect.stringMatching(
        /^otpauth:\/\/totp\/Enclave:ada%40example\.com\?secret=JBSWY3DPEHPK3PXP&/,
      ),
    ]);
    expect(element<HTMLImageElement>(fixture, 'img.qr').alt).toMatch(/QR code/);
    expect(text(fixture, '.secret')).toBe('JBSW Y3DP EHPK 3PXP');

    typeInto(fixture, 'sign-up-code', '123456');
    await submit(fixture);

    expect(client.called('confirmMfa')).toEqual([['u-1', 'ada@example.com', '123456']]);
    expect(text(fixture, 'h1')).toBe('Your account is ready');
    expect(element<HTMLAnchorElement>(fixture, 'a.primary').getAttribute('href')).toBe('/sign-in');
  });

  it('resumes at the password step for a sign-up finished later', async () => {
    const fixture = TestBed.createComponent(SignUpPage);
    fixture.componentRef.setInput('user', 'u-7');
    fixture.componentRef.setInput('email', 'ada@example.com');
    await fixture.whenStable();

    expect(text(fixture, 'h1')).toBe('Check your e-mail');
    typeInto(fixture, 'sign-up-temporary', 'Temp-1aaa');
    typeInto(fixture, 'sign-up-new-password', 'Much-better1');
    await submit(fixture);

    expect(client.called('confirm')).toEqual([
      ['u-7', 'ada@example.com', 'Temp-1aaa', 'Much-better1'],
    ]);
  });
});
