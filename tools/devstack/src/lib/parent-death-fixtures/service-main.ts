// A service entry as the apps' main.ts are (serveHttp over a service definition), with no
// features: child-service.int-spec runs it under a devstack-like parent that it then kills.
import { serviceBaseSchema } from '@enclave/config';
import { defineService, serveHttp } from '@enclave/service-kit';

void serveHttp(
  defineService({ name: 'uploads', configSchema: serviceBaseSchema, imports: () => [] }),
);
