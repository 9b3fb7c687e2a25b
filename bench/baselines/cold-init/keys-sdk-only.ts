// Cold-init baseline B for the keys service: the keys service's SDK clients and no framework.
export { sdk } from './keys-sdk';
export { handler } from './bare-health-handler';
