import { serveHttp } from '@enclave/service-kit';
import { sharingService } from './sharing.service';

void serveHttp(sharingService);
