// Cold-init baseline A for the uploads service: the smallest Nest Lambda with the uploads service's SDK clients.
export { sdk } from './uploads-sdk';
export { handler } from './nest-health-handler';
