import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app.config';
import { EmptyRoot } from './empty-root';

bootstrapApplication(EmptyRoot, appConfig).catch((error: unknown) => console.error(error));
