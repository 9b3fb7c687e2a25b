import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { SessionStore } from './session.store';

/** Pages of a signed-in user; anyone else is sent to sign in, and back here after. */
export const signedIn: CanActivateFn = (_route, state) => {
  if (inject(SessionStore).signedIn()) return true;
  return inject(Router).createUrlTree(['/sign-in'], { queryParams: { next: state.url } });
};
