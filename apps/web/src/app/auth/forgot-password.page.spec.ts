import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AUTH_CLIENT, AuthError } from './auth-client';
import { FakeAuthClient } from './auth-client.fakes';
import { ForgotPasswordPage } from './forgot-password.page';
import { submit, text, typeInto } from './page-testing.fakes';

describe('ForgotPasswordPage', () => {
  let client: FakeAuthClient;

  beforeEach(() => {
    client = new FakeAuthClient();
    TestBed.configureTestingModule({
      imports: [ForgotPasswordPage],
      providers: [provideRouter([]), { provide: AUTH_CLIENT, useValue: client }],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(ForgotPasswordPage);
    await fixture.whenStable();
    return fixture;
  }

  it('sends the code, then sets the new password with it', async () => {
    const fixture = await render();

    typeInto(fixture, 'forgot-email', 'ada@example.com');
    await submit(fixture);
    expect(client.called('forgotPassword')).toEqual([['ada@example.com']]);
    expect(text(fixture, 'h1')).toBe('Check your e-mail');

    typeInto(fixture, 'forgot-code', '123456');
    typeInto(fixture, 'forgot-new-password', 'Much-better1');
    await submit(fixture);

    expect(client.called('confirmPassword')).toEqual([
      ['u-1', 'ada@example.com', '123456', 'Much-better1'],
    ]);
    expect(text(fixture, 'h1')).toBe('Password changed');
  });

  it('shows a wrong code next to the code field', async () => {
    client.answers.confirmPassword = new AuthError(
      401,
      'Invalid verification code provided, please try again.',
      'verification_code',
    );
    const fixture = await render();
    typeInto(fixture, 'forgot-email', 'ada@example.com');
    await submit(fixture);

    typeInto(fixture, 'forgot-code', '654321');
    typeInto(fixture, 'forgot-new-password', 'Much-better1');
    await submit(fixture);

    expect(text(fixture, '#forgot-code-error')).toBe(
      'Invalid verification code provided, please try again.',
    );
  });

  it('shows an unknown e-mail at the e-mail field', async () => {
    client.answers.forgotPassword = new AuthError(
      400,
      'Username/client id combination not found.',
      'email',
    );
    const fixture = await render();

    typeInto(fixture, 'forgot-email', 'nobody@example.com');
    await submit(fixture);

    expect(text(fixture, '#forgot-email-error')).toBe('Username/client id combination not found.');
  });
});
