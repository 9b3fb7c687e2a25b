// A scheduled job's entry as the apps' are (scheduledJob run as the main script): it says when
// it starts, works for JOB_MS, then prints its result. Run by child-service.int-spec.
import { serviceBaseSchema } from '@enclave/config';
import { defineService, scheduledJob } from '@enclave/service-kit';

const workMs = Number(process.env['JOB_MS'] ?? 0);

export const handler = scheduledJob(
  defineService({ name: 'uploads', configSchema: serviceBaseSchema, imports: () => [] }),
  async () => {
    console.log('job started');
    await new Promise((resolve) => setTimeout(resolve, workMs));
    return 'swept';
  },
  module,
);
