import { serveHttp } from '@enclave/service-kit';
import { keysService } from './keys.service';

void serveHttp(keysService);
