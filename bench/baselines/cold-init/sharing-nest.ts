// Cold-init baseline A for the sharing service: the smallest Nest Lambda with the sharing service's SDK clients.
export { sdk } from './sharing-sdk';
export { handler } from './nest-health-handler';
