import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createEnclaveClient, type EnclaveClient, type Schemas } from '@enclave/api-contract';
import { localDynamoClient } from '@enclave/local-stack';
import {
  LIFTED_LIMITS,
  signUpUser,
  startTestProduct,
  type TestProduct,
  type TestUser,
} from '@enclave/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** What the owner has that nobody else may reach or learn. */
export interface OwnerResources {
  fileId: string;
  fileName: string;
  /** An active link share of the file, and its token. */
  linkShareId: string;
  linkToken: string;
  /** An active e-mail share of the file, and who received it. */
  emailShareId: string;
  recipient: string;
}

/** Tokens of the owner's links in each state a public caller must learn nothing from. */
export interface DeadTokens {
  expired: string;
  revoked: string;
  exhausted: string;
}

/** The product with two users: `owner` has a READY file and shares; `intruder` has nothing. */
export interface OwnershipWorld {
  product: TestProduct;
  owner: TestUser;
  intruder: TestUser;
  resources: OwnerResources;
  deadTokens: DeadTokens;
  /** Every value of the owner's that no answer to anyone else may carry. */
  ownerSecrets: string[];
  stop(): Promise<void>;
}

/** Answers `data`, or throws naming the call and its answer: set-up must not half-succeed. */
function required<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined || !result.response.ok) {
    throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

async function uploadReadyFile(
  product: TestProduct,
  api: EnclaveClient,
  user: TestUser,
  fileName: string,
): Promise<string> {
  const bytes = randomBytes(1024);
  const upload = required(
    'createFile',
    await api.POST('/v1/users/{user_id}/files', {
      params: { path: { user_id: user.user_id } },
      body: { file_name: fileName, size: bytes.byteLength, content_type: 'text/plain' },
    }),
  );
  const put = await fetch(upload.upload_url as string, {
    method: 'PUT',
    headers: upload.upload_headers,
    body: bytes,
  });
  if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
  await product.eventsHandled();
  const completed = required(
    'completeFile',
    await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
      params: { path: { user_id: user.user_id, file_id: upload.file_id } },
    }),
  );
  if (completed.status !== 'READY') throw new Error(`file is ${completed.status}, not READY`);
  return upload.file_id;
}

async function createLink(
  api: EnclaveClient,
  user: TestUser,
  fileId: string,
  body: Schemas['CreateShareLinkRequest'],
): Promise<Schemas['ShareLinkResponse']> {
  return required(
    'createShareLink',
    await api.POST('/v1/users/{user_id}/files/{file_id}/links', {
      params: { path: { user_id: user.user_id, file_id: fileId } },
      body,
    }),
  );
}

/**
 * Moves a share's expiry into the past in the shares table (keyed by the token's SHA-256). The
 * contract's shortest expiry is 60 s, too long to wait for in a suite; the row then reads as a
 * link that expired a minute ago, which is all the service looks at.
 */
async function expireShare(product: TestProduct, token: string): Promise<void> {
  const db = localDynamoClient(product.stack.dynamodb.endpoint);
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: product.stack.sharesTable,
        Key: { token_hash: { S: createHash('sha256').update(token, 'utf8').digest('hex') } },
        UpdateExpression: 'SET expires_at = :past',
        ConditionExpression: 'attribute_exists(token_hash)',
        ExpressionAttributeValues: { ':past': { S: new Date(Date.now() - 60_000).toISOString() } },
      }),
    );
  } finally {
    db.destroy();
  }
}

export async function startOwnershipWorld(): Promise<OwnershipWorld> {
  const product = await startTestProduct({ env: LIFTED_LIMITS });
  try {
    const [owner, intruder] = await Promise.all([
      signUpUser(product.stack),
      signUpUser(product.stack),
    ]);
    const api = createEnclaveClient({ baseUrl: product.api, token: () => owner.idToken });
    // A name no answer could contain by chance: finding it anywhere is a leak.
    const fileName = `owner-secret-${randomUUID()}.txt`;
    const fileId = await uploadReadyFile(product, api, owner, fileName);
    const recipient = `recipient-${randomUUID()}@example.test`;
    const [link, shared, expired, revoked, exhausted] = await Promise.all([
      createLink(api, owner, fileId, { expires_in: 3600 }),
      api.POST('/v1/users/{user_id}/files/{file_id}/share', {
        params: { path: { user_id: owner.user_id, file_id: fileId } },
        body: { share_with: [recipient] },
      }),
      createLink(api, owner, fileId, { expires_in: 60 }),
      createLink(api, owner, fileId, {}),
      createLink(api, owner, fileId, { max_downloads: 1 }),
    ]);
    const emailShare = required('shareFileByEmail', shared).shares[0];
    if (!emailShare) throw new Error('shareFileByEmail answered no share');
    await expireShare(product, expired.token);
    required(
      'revokeShare',
      await api.DELETE('/v1/users/{user_id}/shares/{share_id}', {
        params: { path: { user_id: owner.user_id, share_id: revoked.share_id } },
      }),
    );
    const spent = await fetch(`${product.api}/v1/shares/${exhausted.token}/download`, {
      method: 'POST',
    });
    if (spent.status !== 200) throw new Error(`using up a link answered ${spent.status}`);

    const resources: OwnerResources = {
      fileId,
      fileName,
      linkShareId: link.share_id,
      linkToken: link.token,
      emailShareId: emailShare.share_id,
      recipient,
    };
    const deadShareIds = [expired.share_id, revoked.share_id, exhausted.share_id];
    return {
      product,
      owner,
      intruder,
      resources,
      deadTokens: { expired: expired.token, revoked: revoked.token, exhausted: exhausted.token },
      ownerSecrets: [
        owner.user_id,
        owner.email,
        fileId,
        fileName,
        link.share_id,
        link.token,
        emailShare.share_id,
        recipient,
        ...deadShareIds,
        expired.token,
        revoked.token,
        exhausted.token,
      ],
      stop: () => product.stop(),
    };
  } catch (error) {
    await product.stop();
    throw error;
  }
}
