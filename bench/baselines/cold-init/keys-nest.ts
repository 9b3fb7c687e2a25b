// Cold-init baseline A for the keys service: the smallest Nest Lambda with the keys service's SDK clients.
export { sdk } from './keys-sdk';
export { handler } from './nest-health-handler';
