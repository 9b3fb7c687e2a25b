import { QueryCommand, ScanCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from '@enclave/local-stack';
import {
  LIFTED_LIMITS,
  signUpUser,
  startTestProduct,
  type TestProduct,
  type TestUser,
} from '@enclave/testing';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

export type Dependency = 's3' | 'dynamodb' | 'ses' | 'kms' | 'auth';

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown> | undefined;
  text: string;
}

export interface FaultProduct {
  product: TestProduct;
  proxies: Record<Dependency, FaultProxy>;
  newUser(): Promise<TestUser>;
  /** One request through the gateway (or `base`), with `user`'s token when given. */
  call(
    user: TestUser | undefined,
    method: string,
    path: string,
    body?: unknown,
    base?: string,
  ): Promise<Answer>;
  /** The user's rows of the files table. */
  fileRows(userId: string): Promise<Record<string, unknown>[]>;
  shareRows(userId: string): Promise<Record<string, unknown>[]>;
  keyRow(userId: string): Promise<Record<string, unknown> | undefined>;
  /** Every recipient the SES stand-in holds a message for. */
  mailRecipients(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Short timeouts on purpose: a hung dependency must cost a request about two idle timeouts,
 * and the limits are raised so that the suite's many requests never meet a 429.
 */
const FAULT_ENV = {
  AWS_CONNECT_TIMEOUT_MS: '300',
  AWS_IDLE_TIMEOUT_MS: '1000',
  AWS_MAX_ATTEMPTS: '2',
  AUTH_TIMEOUT_MS: '1000',
  // The smallest the config allows (a positive whole number): the auth case still uses a fresh
  // user, whose token no service has cached.
  AUTH_CACHE_TTL_SECONDS: '1',
  ...LIFTED_LIMITS,
};

/** The product with every dependency behind its own fault proxy (services see only proxies). */
export async function startFaultProduct(): Promise<FaultProduct> {
  const names: Dependency[] = ['s3', 'dynamodb', 'ses', 'kms', 'auth'];
  const started = await Promise.all(names.map(() => startFaultProxy()));
  const proxies = Object.fromEntries(names.map((name, i) => [name, started[i]])) as Record<
    Dependency,
    FaultProxy
  >;
  let product: TestProduct;
  try {
    product = await startTestProduct({
      kmsMode: 'per_user',
      env: {
        ...FAULT_ENV,
        S3_ENDPOINT: proxies.s3.endpoint,
        DYNAMODB_ENDPOINT: proxies.dynamodb.endpoint,
        SES_ENDPOINT: proxies.ses.endpoint,
        KMS_ENDPOINT: proxies.kms.endpoint,
        AUTH_ENDPOINT: proxies.auth.endpoint,
      },
    });
  } catch (error) {
    await Promise.all(started.map((proxy) => proxy.stop()));
    throw error;
  }
  for (const name of names) proxies[name].setTarget(product.stack[name].endpoint);
  // Reads of the stores go straight to the stand-ins, never through a proxy that may be down.
  const db = localDynamoClient(product.stack.dynamodb.endpoint);
  const stack = product.stack;

  return {
    product,
    proxies,
    newUser: () => signUpUser(stack),
    async call(user, method, path, body, base = product.api) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(user ? { authorization: `Bearer ${user.idToken}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json, text };
    },
    async fileRows(userId) {
      const page = await db.send(
        new QueryCommand({
          TableName: stack.filesTable,
          KeyConditionExpression: 'user_id = :u',
          ExpressionAttributeValues: { ':u': { S: userId } },
          ConsistentRead: true,
        }),
      );
      return (page.Items ?? []).map((item) => unmarshall(item));
    },
    async shareRows(userId) {
      const page = await db.send(
        new ScanCommand({
          TableName: stack.sharesTable,
          FilterExpression: 'user_id = :u',
          ExpressionAttributeValues: { ':u': { S: userId } },
          ConsistentRead: true,
        }),
      );
      return (page.Items ?? []).map((item) => unmarshall(item));
    },
    async keyRow(userId) {
      const row = await db.send(
        new GetItemCommand({
          TableName: stack.keysTable,
          Key: { user_id: { S: userId } },
          ConsistentRead: true,
        }),
      );
      return row.Item ? unmarshall(row.Item) : undefined;
    },
    async mailRecipients() {
      const response = await fetch(`${stack.ses.endpoint}/store`);
      const { emails } = (await response.json()) as {
        emails: { destination?: { to?: string[] } }[];
      };
      return emails.flatMap((mail) => mail.destination?.to ?? []);
    },
    async stop() {
      db.destroy();
      try {
        await product.stop();
      } finally {
        await Promise.all(started.map((proxy) => proxy.stop()));
      }
    },
  };
}
