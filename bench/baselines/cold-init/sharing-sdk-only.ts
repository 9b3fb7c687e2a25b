// Cold-init baseline B for the sharing service: the sharing service's SDK clients and no framework.
export { sdk } from './sharing-sdk';
export { handler } from './bare-health-handler';
