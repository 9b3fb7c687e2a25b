import type { ContractOperation } from '@enclave/api-contract';

/**
 * A minimal body the contract accepts, per operation that takes one. Ownership must be what
 * refuses a matrix request: an invalid body would be answered 400 before anyone checks whose
 * resource it is. A new operation with a required body fails the coverage test until it has one.
 */
export const EXAMPLE_BODIES: Readonly<Record<string, unknown>> = {
  createFile: { file_name: 'probe.txt', size: 1, content_type: 'text/plain' },
  presignParts: { part_numbers: [1] },
  completeFile: {},
  shareFileByEmail: { share_with: ['probe@example.test'] },
  createShareLink: { expires_in: 3600 },
  updateShare: { max_downloads: 5 },
  downloadPublicShare: {},
};

/** The body a matrix request of `operation` sends, if any. */
export function exampleBody(operation: ContractOperation): unknown {
  return operation.requestBody ? EXAMPLE_BODIES[operation.operationId] : undefined;
}

/**
 * Well-formed stand-ins for every path parameter the contract has, so an example body can be
 * checked against the contract on its own. A new path parameter fails the coverage test until
 * it has one here (and, if it names someone's resource, a place in the matrix).
 */
export const SAMPLE_PATH_VALUES: Readonly<Record<string, string>> = {
  user_id: 'sample-user',
  file_id: '01890a5d-ac96-774b-bcce-b302099a8057',
  share_id: '01890a5d-ac96-774b-bcce-b302099a8058',
  token: 'A'.repeat(43),
};

export interface MalformedValue {
  label: string;
  value: string;
}

const TOO_LONG = 'a'.repeat(2048);

/**
 * Values the contract refuses for each path parameter (the coverage test proves it), sent
 * percent-encoded: the answer must be a refusal (400; 403 for a {user_id}), never a lookup.
 */
export const MALFORMED_VALUES: Readonly<Record<string, readonly MalformedValue[]>> = {
  user_id: [
    { label: '`../x`', value: '../x' },
    { label: '2 KB long', value: TOO_LONG },
    { label: 'starting with a hyphen', value: '-x' },
    { label: 'with a space', value: 'a b' },
  ],
  file_id: [
    { label: '`not-a-uuid`', value: 'not-a-uuid' },
    { label: '`../x`', value: '../x' },
    { label: '2 KB long', value: TOO_LONG },
    { label: 'a UUIDv4 (not v7)', value: '3b241101-e2bb-4255-8caf-4136c566a962' },
  ],
  share_id: [
    { label: '`not-a-uuid`', value: 'not-a-uuid' },
    { label: '`../x`', value: '../x' },
    { label: '2 KB long', value: TOO_LONG },
    { label: 'a UUIDv4 (not v7)', value: '3b241101-e2bb-4255-8caf-4136c566a962' },
  ],
  token: [
    { label: 'too short', value: 'short' },
    { label: '`../x` padded to length', value: `../${'x'.repeat(40)}` },
    { label: '2 KB long', value: TOO_LONG },
  ],
};
