import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, type Routes } from '@angular/router';

// What `ng new` (Angular 21) gives an app before it has any feature: zoneless change detection,
// the browser's error listeners and a router with no routes. The router is part of the baseline
// because a single-page app with pages has one; the portal's features are what is measured.
const routes: Routes = [];

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes),
  ],
};
