import { lambdaHandler } from '@enclave/service-kit';
import { keysService } from './keys.service';

export const handler = lambdaHandler(keysService);
