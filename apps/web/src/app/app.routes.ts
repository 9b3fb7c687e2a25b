import type { Route } from '@angular/router';
import { signedIn } from './core/signed-in.guard';
import { PRODUCT_NAME } from './core/product';

// Every page is its own lazy chunk: the upload engine loads only with the files page.
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: PRODUCT_NAME,
    loadComponent: () => import('./landing/landing.page').then((m) => m.LandingPage),
  },
  { path: '', loadChildren: () => import('./auth/auth.routes').then((m) => m.AUTH_ROUTES) },
  {
    path: 'files',
    title: `Files · ${PRODUCT_NAME}`,
    canActivate: [signedIn],
    loadComponent: () => import('./files/files.page').then((m) => m.FilesPage),
  },
  {
    path: 'shares',
    title: `Shares · ${PRODUCT_NAME}`,
    canActivate: [signedIn],
    loadComponent: () => import('./shares/shares.page').then((m) => m.SharesPage),
  },
  {
    path: 'settings',
    title: `Settings · ${PRODUCT_NAME}`,
    canActivate: [signedIn],
    loadComponent: () => import('./settings/settings.page').then((m) => m.SettingsPage),
  },
  // The public share page: anyone holding a link, no account needed.
  {
    path: 's/:token',
    title: `Shared file · ${PRODUCT_NAME}`,
    loadComponent: () => import('./share-page/share.page').then((m) => m.SharePage),
  },
  { path: '**', redirectTo: '' },
];
