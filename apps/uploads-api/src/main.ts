import { serveHttp } from '@enclave/service-kit';
import { uploadsService } from './uploads.service';

void serveHttp(uploadsService);
