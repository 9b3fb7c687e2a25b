import { type ContractOperation, contractOperations } from '@enclave/api-contract';
import { ProblemException } from '@enclave/errors';
import { ContractValidator } from '@enclave/service-kit';
import {
  EXAMPLE_BODIES,
  exampleBody,
  MALFORMED_VALUES,
  SAMPLE_PATH_VALUES,
} from './ownership-inputs';
import {
  describeOperation,
  OWNED_PARAMS,
  ownedOperations,
  pathParamNames,
  publicTokenOperations,
} from './ownership-operations';
import { leakedSecrets } from './ownership-probe';

// What keeps the matrix complete as openapi.yaml grows: a new operation is either covered by
// ownership-matrix.int-spec.ts or fails here, naming what it lacks.
const validator = new ContractValidator();
const matrixOperations = [...ownedOperations(), ...publicTokenOperations()];

function sampleParams(operation: ContractOperation): Record<string, string> {
  return Object.fromEntries(
    pathParamNames(operation).map((name) => [name, SAMPLE_PATH_VALUES[name] as string]),
  );
}

/** The fields a validation of `operation` refuses (none when it passes). */
function refusedFields(
  operation: ContractOperation,
  params: Record<string, string>,
  body: unknown,
): string[] {
  try {
    validator.validate(operation.operationId, {
      params,
      query: {},
      body,
      hasBody: body !== undefined,
    });
    return [];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return (error.problem.errors ?? []).map((e) => e.field);
  }
}

describe('the ownership matrix covers the contract', () => {
  it('every operation with {user_id}, {file_id} or {share_id} in its path is covered', () => {
    const named = contractOperations().filter((o) =>
      OWNED_PARAMS.some((param) => o.path.includes(`{${param}}`)),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(ownedOperations().map((o) => o.operationId)).toEqual(named.map((o) => o.operationId));
  });

  it('every authenticated operation names its owner ({user_id}) in its path', () => {
    // One without would escape the matrix: nothing says whose data it serves.
    const unowned = contractOperations().filter(
      (o) => !o.public && !pathParamNames(o).includes('user_id'),
    );
    expect(unowned.map(describeOperation)).toEqual([]);
  });

  it('covers the public share-token operations', () => {
    expect(publicTokenOperations().map((o) => o.operationId)).toEqual(
      expect.arrayContaining(['getPublicShare', 'downloadPublicShare']),
    );
  });

  it('has a sample value and malformed values for every path parameter the contract uses', () => {
    const names = [...new Set(matrixOperations.flatMap(pathParamNames))];
    expect(names.filter((name) => !SAMPLE_PATH_VALUES[name])).toEqual([]);
    expect(names.filter((name) => !MALFORMED_VALUES[name]?.length)).toEqual([]);
  });

  it('has an example body for every covered operation whose body is required', () => {
    const missing = matrixOperations.filter((o) => o.requestBody?.required && !exampleBody(o));
    expect(missing.map(describeOperation)).toEqual([]);
  });

  it('tables example bodies only for operations that take a body', () => {
    const takesBody = new Set(
      contractOperations()
        .filter((o) => o.requestBody)
        .map((o) => o.operationId),
    );
    expect(Object.keys(EXAMPLE_BODIES).filter((id) => !takesBody.has(id))).toEqual([]);
  });

  it.each(matrixOperations.map((o) => [describeOperation(o), o] as const))(
    '%s: the contract accepts the example request',
    (_, operation) => {
      expect(refusedFields(operation, sampleParams(operation), exampleBody(operation))).toEqual([]);
    },
  );

  it.each(
    matrixOperations.flatMap((operation) =>
      pathParamNames(operation).flatMap((param) =>
        (MALFORMED_VALUES[param] ?? []).map(
          (malformed) =>
            [
              `${describeOperation(operation)} {${param}} ${malformed.label}`,
              operation,
              param,
              malformed.value,
            ] as const,
        ),
      ),
    ),
  )('%s: the contract refuses the malformed value', (_, operation, param, value) => {
    const params = { ...sampleParams(operation), [param]: value };
    expect(refusedFields(operation, params, exampleBody(operation))).toContain(`path.${param}`);
  });
});

describe('leakedSecrets', () => {
  const answer = (text: string, headers: Record<string, string> = {}) => ({
    status: 404,
    contentType: 'application/problem+json',
    headers: new Headers(headers),
    text,
    json: undefined,
  });
  const probe = { method: 'get' as const, path: '/v1/users/me/files/echoed-id' };

  it('finds a secret in the body or a header', () => {
    expect(leakedSecrets(probe, answer('{"detail":"report.pdf"}'), ['report.pdf'])).toEqual([
      'report.pdf',
    ]);
    expect(leakedSecrets(probe, answer('{}', { location: '/x/owner-1' }), ['owner-1'])).toEqual([
      'owner-1',
    ]);
  });

  it('does not count what the request itself named in its path', () => {
    expect(leakedSecrets(probe, answer('{"instance":"…/echoed-id"}'), ['echoed-id'])).toEqual([]);
  });
});
