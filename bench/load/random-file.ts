import { randomFillSync, randomInt } from 'node:crypto';

const MiB = 1024 * 1024;

/**
 * Bytes for one upload. Most are small, spread evenly over orders of magnitude from 1 B to 1 MiB
 * (as real files are); `multipartShare` of them are just over the single-PUT limit, so they go
 * in two or three parts without making the run slow.
 */
export function randomFile(options: {
  multipartShare: number;
  multipartThresholdBytes: number;
}): Uint8Array<ArrayBuffer> {
  const size =
    Math.random() < options.multipartShare
      ? options.multipartThresholdBytes + randomInt(1, 5 * MiB)
      : Math.max(1, Math.floor(2 ** (Math.random() * 20)));
  return randomFillSync(new Uint8Array(size));
}
