import type { ContractOperation } from '@enclave/api-contract';
import { randomBytes } from 'node:crypto';
import { exampleBody, MALFORMED_VALUES } from './ownership-inputs';
import {
  describeOperation,
  fillPath,
  ownedOperations,
  pathParamNames,
  publicTokenOperations,
  resourceParams,
} from './ownership-operations';
import { leakedSecrets, type Probe, sendProbe, showExchange } from './ownership-probe';
import { type OwnershipWorld, startOwnershipWorld } from './ownership-world.fixture';

// The ownership matrix, generated from openapi.yaml: for every operation whose path names a
// user, file or share, and every public share-token operation, each way a caller could reach
// someone else's data through the gateway is one named test. The owner is "them"; the intruder,
// who holds a valid token of their own, is "me".
let world: OwnershipWorld;

beforeAll(async () => {
  world = await startOwnershipWorld();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

interface MatrixCase {
  name: string;
  status: number;
  probe(world: OwnershipWorld): Probe;
}

/** The owner's real ids, for every resource parameter a path may name. */
function ownerIds(w: OwnershipWorld, share: 'link' | 'email' = 'link'): Record<string, string> {
  return {
    file_id: w.resources.fileId,
    share_id: share === 'link' ? w.resources.linkShareId : w.resources.emailShareId,
  };
}

function probeOf(
  operation: ContractOperation,
  values: Record<string, string>,
  token?: string,
): Probe {
  return {
    method: operation.method,
    path: fillPath(operation.path, values),
    token,
    body: exampleBody(operation),
  };
}

function ownedCases(operation: ContractOperation): MatrixCase[] {
  const resources = resourceParams(operation);
  const cases: MatrixCase[] = [
    {
      name: 'without a token → 401',
      status: 401,
      probe: (w) => probeOf(operation, { user_id: w.owner.user_id, ...ownerIds(w) }),
    },
    {
      name: "with my token on another user's {user_id} path → 403",
      status: 403,
      probe: (w) =>
        probeOf(operation, { user_id: w.owner.user_id, ...ownerIds(w) }, w.intruder.idToken),
    },
  ];
  if (resources.length) {
    const shareKinds = resources.includes('share_id')
      ? (['link', 'email'] as const)
      : (['link'] as const);
    for (const kind of shareKinds) {
      const what = resources
        .map((param) => (param === 'share_id' ? `${kind} share's {share_id}` : `{${param}}`))
        .join(' and ');
      cases.push({
        name: `with another user's real ${what} under my own {user_id} → 404`,
        status: 404,
        probe: (w) =>
          probeOf(
            operation,
            { user_id: w.intruder.user_id, ...ownerIds(w, kind) },
            w.intruder.idToken,
          ),
      });
    }
  }
  for (const param of pathParamNames(operation)) {
    // A malformed {user_id} can never be the caller's: the guard refuses another user's path
    // (403, auth-contract.md) before any input is validated, so nothing about a path the caller
    // may not use is checked for them. A malformed resource id under my own path is a 400.
    const status = param === 'user_id' ? 403 : 400;
    for (const malformed of MALFORMED_VALUES[param] ?? []) {
      cases.push({
        name: `with a malformed {${param}} (${malformed.label}) → ${status}`,
        status,
        probe: (w) =>
          probeOf(
            operation,
            { user_id: w.intruder.user_id, ...ownerIds(w), [param]: malformed.value },
            w.intruder.idToken,
          ),
      });
    }
  }
  return cases;
}

function publicCases(operation: ContractOperation): MatrixCase[] {
  const tokenCase = (name: string, status: number, token: (w: OwnershipWorld) => string) => ({
    name,
    status,
    probe: (w: OwnershipWorld) => probeOf(operation, { token: token(w) }),
  });
  return [
    // As a share token is made: 32 random bytes, base64url. No share has it.
    tokenCase('with an unknown token → 404', 404, () => randomBytes(32).toString('base64url')),
    tokenCase('with an expired token → 410', 410, (w) => w.deadTokens.expired),
    tokenCase('with a revoked token → 410', 410, (w) => w.deadTokens.revoked),
    tokenCase('with a used-up token → 410', 410, (w) => w.deadTokens.exhausted),
    ...(MALFORMED_VALUES['token'] ?? []).map((malformed) =>
      tokenCase(`with a malformed token (${malformed.label}) → 400`, 400, () => malformed.value),
    ),
  ];
}

const PROBLEM_FIELDS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/**
 * What the test compares: the status, that the body is a problem and nothing more (a field
 * beyond RFC 9457's would be data), and which of the owner's secrets it gives away.
 */
async function outcome(probe: Probe) {
  const answer = await sendProbe(world.product.api, probe);
  const json = (answer.json ?? {}) as Record<string, unknown>;
  return {
    exchange: showExchange(probe, answer),
    status: answer.status,
    problemBody: answer.contentType.startsWith('application/problem+json'),
    problemStatus: json['status'],
    fieldsBeyondProblem: Object.keys(json).filter((key) => !PROBLEM_FIELDS.has(key)),
    leaked: leakedSecrets(probe, answer, world.ownerSecrets),
  };
}

function expected(status: number) {
  return {
    exchange: expect.any(String),
    status,
    problemBody: true,
    problemStatus: status,
    fieldsBeyondProblem: [],
    leaked: [],
  };
}

describe.each(ownedOperations().map((o) => [describeOperation(o), o] as const))(
  '%s',
  (_, operation) => {
    it.each(ownedCases(operation).map((c) => [c.name, c] as const))('%s', async (_, c) => {
      expect(await outcome(c.probe(world))).toEqual(expected(c.status));
    });
  },
);

describe.each(publicTokenOperations().map((o) => [describeOperation(o), o] as const))(
  '%s',
  (_, operation) => {
    it.each(publicCases(operation).map((c) => [c.name, c] as const))(
      '%s, telling nothing of the owner',
      async (_, c) => {
        expect(await outcome(c.probe(world))).toEqual(expected(c.status));
      },
    );
  },
);

describe('the owner’s data stays theirs', () => {
  it('lists none of their shares when I filter my shares by their file', async () => {
    const probe: Probe = {
      method: 'get',
      path: `/v1/users/${world.intruder.user_id}/shares?file_id=${world.resources.fileId}`,
      token: world.intruder.idToken,
    };
    const answer = await sendProbe(world.product.api, probe);
    expect({
      status: answer.status,
      json: answer.json,
      exchange: showExchange(probe, answer),
    }).toEqual({
      status: 200,
      json: { user_id: world.intruder.user_id, shares: [], next_cursor: null },
      exchange: expect.any(String),
    });
  });

  it('still has the file READY and every live share ACTIVE after the matrix', async () => {
    // A request the matrix expected refused but the product obeyed would show here too.
    const { owner, resources } = world;
    const [file, link, email] = await Promise.all(
      [
        `/v1/users/${owner.user_id}/files/${resources.fileId}`,
        `/v1/users/${owner.user_id}/shares/${resources.linkShareId}`,
        `/v1/users/${owner.user_id}/shares/${resources.emailShareId}`,
      ].map(async (path) => {
        const answer = await sendProbe(world.product.api, {
          method: 'get',
          path,
          token: owner.idToken,
        });
        return answer.json as { status?: string; state?: string };
      }),
    );
    expect([file?.status, link?.state, email?.state]).toEqual(['READY', 'ACTIVE', 'ACTIVE']);
  });
});
