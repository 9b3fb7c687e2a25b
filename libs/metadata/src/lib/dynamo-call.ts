import {
  awsErrorName,
  DependencyFailed,
  DependencyUnavailable,
  isAwsOutage,
} from '@enclave/errors';

/**
 * A write's condition did not hold. Internal to this lib: each repository turns it into what it
 * means for its rows (FileExists, FileStateConflict, "already released", …).
 */
export class ConditionFailed extends Error {
  constructor() {
    super('condition not met');
    this.name = 'ConditionFailed';
  }
}

/**
 * Runs one DynamoDB call and speaks the domain about its failure: a lost condition becomes
 * ConditionFailed, an outage DependencyUnavailable (503), anything else DependencyFailed (500).
 */
export async function dynamoCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (awsErrorName(error) === 'ConditionalCheckFailedException') throw new ConditionFailed();
    if (isAwsOutage(error)) throw new DependencyUnavailable('DynamoDB', error);
    throw new DependencyFailed('DynamoDB', error);
  }
}
