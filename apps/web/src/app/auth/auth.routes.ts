import type { Route } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';
import { signedOut } from '../core/signed-out.guard';

// Mounted at '' by app.routes, so these are /sign-in, /sign-up and /forgot-password. A signed-in
// user is sent past sign-in and sign-up; a password reset stays open to anyone.
export const AUTH_ROUTES: Route[] = [
  {
    path: 'sign-in',
    title: `Sign in · ${PRODUCT_NAME}`,
    canActivate: [signedOut],
    loadComponent: () => import('./sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: `Sign up · ${PRODUCT_NAME}`,
    canActivate: [signedOut],
    loadComponent: () => import('./sign-up.page').then((m) => m.SignUpPage),
  },
  {
    path: 'forgot-password',
    title: `Reset password · ${PRODUCT_NAME}`,
    loadComponent: () => import('./forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
];
