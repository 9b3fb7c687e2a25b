/** How much memory (MB) and time (seconds) one function gets. */
export interface FunctionSizing {
  memoryMb: number;
  timeoutSeconds: number;
}

/**
 * Memory and timeout per function, by its resource part (`uploads`, `uploads-sweep`, …). Lambda
 * gives CPU in proportion to memory, so memory is also how fast a cold Nest start is.
 */
export const FUNCTION_SIZING: Readonly<Record<string, FunctionSizing>> = {
  // Presigning and a few DynamoDB calls per request; 512 MB keeps the cold start short. API
  // Gateway gives up on an integration after 30 s, so a longer timeout would only hide a hang.
  uploads: { memoryMb: 512, timeoutSeconds: 29 },
  // Share passwords are scrypt-hashed with N = 2^17, r = 8 (128 MiB per hash, CPU-bound): the
  // extra memory is the CPU that keeps a password check well under a second.
  sharing: { memoryMb: 1024, timeoutSeconds: 29 },
  // Crypto-shredding walks all of a user's files (rows, objects, shares) in one request.
  keys: { memoryMb: 512, timeoutSeconds: 29 },
  // The sweep scans the whole files table and lists the whole bucket: Lambda's longest timeout.
  'uploads-sweep': { memoryMb: 512, timeoutSeconds: 900 },
  // One row look-up and at most one DeleteObject per created object.
  'uploads-object-created': { memoryMb: 256, timeoutSeconds: 60 },
};

export function sizingOf(part: string): FunctionSizing {
  const sizing = FUNCTION_SIZING[part];
  if (!sizing) throw new Error(`no memory and timeout for the ${part} function (FUNCTION_SIZING)`);
  return sizing;
}
