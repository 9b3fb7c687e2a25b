import type { Route } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';

// Mounted at '' by app.routes, so these are /sign-in, /sign-up and /forgot-password.
export const AUTH_ROUTES: Route[] = [
  {
    path: 'sign-in',
    title: `Sign in · ${PRODUCT_NAME}`,
    loadComponent: () => import('./sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: `Sign up · ${PRODUCT_NAME}`,
    loadComponent: () => import('./sign-up.page').then((m) => m.SignUpPage),
  },
  {
    path: 'forgot-password',
    title: `Reset password · ${PRODUCT_NAME}`,
    loadComponent: () => import('./forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
];
