import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { type Session, SessionStore } from './session.store';
import { signedOut } from './signed-out.guard';

@Component({ template: '' })
class Blank {}

const SESSION: Session = {
  userId: 'u-1',
  email: 'ada@example.com',
  idToken: 'id',
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresAt: Date.now() + 3_600_000,
};

describe('signedOut guard', () => {
  let router: Router;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'sign-in', canActivate: [signedOut], component: Blank },
          { path: 'files', component: Blank },
          { path: 'shares', component: Blank },
        ]),
      ],
    });
    router = TestBed.inject(Router);
  });

  afterEach(() => sessionStorage.clear());

  it('shows the sign-in page to someone not signed in', async () => {
    await router.navigateByUrl('/sign-in');
    expect(router.url).toBe('/sign-in');
  });

  it('sends a signed-in user on to their files instead', async () => {
    TestBed.inject(SessionStore).set(SESSION);
    await router.navigateByUrl('/sign-in');
    expect(router.url).toBe('/files');
  });

  it('honours a next page of this site, and ignores one elsewhere', async () => {
    TestBed.inject(SessionStore).set(SESSION);
    await router.navigateByUrl('/sign-in?next=%2Fshares');
    expect(router.url).toBe('/shares');
    await router.navigateByUrl('/sign-in?next=%2F%2Fevil.example');
    expect(router.url).toBe('/files');
  });
});
