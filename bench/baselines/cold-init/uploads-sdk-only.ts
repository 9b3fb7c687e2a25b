// Cold-init baseline B for the uploads service: the uploads service's SDK clients and no framework.
export { sdk } from './uploads-sdk';
export { handler } from './bare-health-handler';
