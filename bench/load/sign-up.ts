import { signUpUser, type TestProduct, type TestUser } from '@enclave/testing';

/** Signs `count` users up, `concurrency` at a time (each waits for its e-mail). */
export async function signUpUsers(
  stack: TestProduct['stack'],
  count: number,
  concurrency: number,
): Promise<TestUser[]> {
  const users: TestUser[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next++;
        users.push(await signUpUser(stack));
      }
    }),
  );
  return users;
}
