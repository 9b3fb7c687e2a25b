import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { AUTH_CLIENT, AuthError, UnconfirmedUserError } from './auth-client';
import { FAKE_CHALLENGE, FakeAuthClient } from './auth-client.fakes';
import { AuthService } from './auth.service';
import { element, submit, text, typeInto } from './page-testing.fakes';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  let client: FakeAuthClient;

  beforeEach(() => {
    sessionStorage.clear();
    client = new FakeAuthClient();
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideRouter([]), { provide: AUTH_CLIENT, useValue: client }],
    });
  });

  afterEach(async () => {
    await TestBed.inject(AuthService).signOut();
  });

  async function render(next?: string) {
    const fixture = TestBed.createComponent(SignInPage);
    if (next) fixture.componentRef.setInput('next', next);
    await fixture.whenStable();
    return fixture;
  }

  it('says what is wrong with an invalid e-mail and calls nothing', async () => {
    const fixture = await render();

    typeInto(fixture, 'sign-in-email', 'ada@');
    typeInto(fixture, 'sign-in-password', 'Secret-1');
    await submit(fixture);

    expect(text(fixture, '#sign-in-email-error')).toBe(
      'Enter an e-mail address like name@example.com.',
    );
    expect(element(fixture, '#sign-in-email').getAttribute('aria-describedby')).toBe(
      'sign-in-email-error',
    );
    expect(client.calls).toEqual([]);
  });

  it('shows the service message for wrong credentials at the top of the form', async () => {
    client.answers.login = new AuthError(401, 'Incorrect username or password.');
    const fixture = await render();

    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'wrong');
    await submit(fixture);

    expect(client.called('login')).toEqual([['ada@example.com', 'wrong']]);
    expect(text(fixture, '[role="alert"]')).toBe('Incorrect username or password.');
    expect(fixture.nativeElement.querySelector('#sign-in-code')).toBeNull();
  });

  it('asks for the code after the password, then signs in and goes to next', async () => {
    const fixture = await render('/files/abc');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'Secret-1');
    await submit(fixture);

    expect(text(fixture, 'h1')).toBe('Enter your code');
    expect(document.activeElement).toBe(element(fixture, '#sign-in-code'));

    typeInto(fixture, 'sign-in-code', '123456');
    await submit(fixture);

    expect(client.called('verifyMfa')).toEqual([[FAKE_CHALLENGE, '123456']]);
    expect(TestBed.inject(SessionStore).session()?.userId).toBe('u-1');
    expect(navigate).toHaveBeenCalledWith('/files/abc');
  });

  it('shows a wrong code next to the code field', async () => {
    client.answers.verifyMfa = new AuthError(401, 'Invalid code received for user.', 'otp_code');
    const fixture = await render();

    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'Secret-1');
    await submit(fixture);
    typeInto(fixture, 'sign-in-code', '000000');
    await submit(fixture);

    expect(text(fixture, '#sign-in-code-error')).toBe('Invalid code received for user.');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('refuses a code that is not 6 digits', async () => {
    const fixture = await render();
    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'Secret-1');
    await submit(fixture);

    typeInto(fixture, 'sign-in-code', '12a4');
    await submit(fixture);

    expect(text(fixture, '#sign-in-code-error')).toBe('Enter the 6-digit code.');
    expect(client.called('verifyMfa')).toEqual([]);
  });

  it('goes to /files when next is not a path of this site', async () => {
    const fixture = await render('https://evil.example/');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'Secret-1');
    await submit(fixture);
    typeInto(fixture, 'sign-in-code', '123456');
    await submit(fixture);

    expect(navigate).toHaveBeenCalledWith('/files');
  });

  it('links an unfinished sign-up to the step where it stopped', async () => {
    client.answers.login = new UnconfirmedUserError('u-7');
    const fixture = await render();

    typeInto(fixture, 'sign-in-email', 'ada@example.com');
    typeInto(fixture, 'sign-in-password', 'Temp-1aaa');
    await submit(fixture);

    expect(text(fixture, '[role="alert"]')).toMatch(/not set up yet/);
    expect(element(fixture, '[role="alert"] a').getAttribute('href')).toBe(
      '/sign-up?user=u-7&email=ada@example.com',
    );
  });
});
