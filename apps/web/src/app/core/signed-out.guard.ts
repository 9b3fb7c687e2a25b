import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { safeNext } from '../auth/safe-next';
import { SessionStore } from './session.store';

/**
 * Pages for someone not signed in yet (sign-in, sign-up): a signed-in user has nothing to do
 * there, so they go on to where sign-in would have taken them (`next`, else their files).
 */
export const signedOut: CanActivateFn = (route) => {
  if (!inject(SessionStore).signedIn()) return true;
  const next = route.queryParamMap.get('next') ?? undefined;
  return inject(Router).parseUrl(safeNext(next));
};
