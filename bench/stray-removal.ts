// Benchmark: how long bytes PUT to a deleted file's upload URL stay in the bucket. A presigned URL
// cannot be revoked, so the bucket's ObjectCreated events bring each object to the uploads
// service's handler, which removes any object no live file expects. Measured on the local stack
// with the shipped bundles (the service and dist/apps/uploads-api/object-created.js, fed the
// local S3's events as devstack feeds them), against the same run's baseline: the time from a
// PUT's answer to a HEAD that sees the object, i.e. what observing the bucket costs at all.
//
//   npm run bench:stray-removal   (BENCH_ROUNDS tunes it)
import './lift-limits';
import { createEnclaveClient, type Schemas } from '@enclave/api-contract';
import {
  signUpUser,
  startObjectEventHandlers,
  startServiceProcess,
  startTestStack,
} from '@enclave/testing';
import { median } from './median';
import { writeBenchReport } from './report';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 30);
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

async function main(): Promise<void> {
  const stack = await startTestStack();
  const service = await startServiceProcess('uploads', stack.env, { checkContract: false });
  const handlers = startObjectEventHandlers('uploads', stack);
  try {
    const user = await signUpUser(stack);
    const api = createEnclaveClient({ baseUrl: service.endpoint, token: () => user.idToken });
    const path = { user_id: user.user_id };
    const bytes = new Uint8Array(64 * 1024);
    const create = async (name: string) =>
      (
        await api.POST('/v1/users/{user_id}/files', {
          params: { path },
          body: { file_name: name, size: bytes.length },
        })
      ).data as Schemas['CreateFileResponse'];
    const put = async (upload: Schemas['CreateFileResponse']) => {
      const response = await fetch(upload.upload_url as string, {
        method: 'PUT',
        headers: upload.upload_headers,
        body: bytes,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`PUT answered ${response.status}`);
    };
    /** Milliseconds from now until HEAD of `key` answers `present`. */
    const until = async (key: string, present: boolean): Promise<number> => {
      const started = performance.now();
      while (((await stack.objectSize(key)) !== undefined) !== present) {
        if (performance.now() - started > 30_000) throw new Error(`${key} never changed`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return performance.now() - started;
    };

    const removal: number[] = [];
    const visible: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Baseline: a live upload's object, seen by HEAD right after its PUT.
      const live = await create(`live-${round}.bin`);
      await put(live);
      visible.push(await until(`${user.user_id}/${live.file_id}`, true));
      await handlers.idle();
      // The stray: PUT after the file was deleted, then wait for the handler to remove it.
      const stray = await create(`stray-${round}.bin`);
      await api.DELETE('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { ...path, file_id: stray.file_id } },
      });
      await put(stray);
      removal.push(await until(`${user.user_id}/${stray.file_id}`, false));
      await api.DELETE('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { ...path, file_id: live.file_id } },
      });
    }
    const sorted = [...removal].sort((a, b) => a - b);
    console.log(`stray removal, ${rounds} rounds (seconds from the stray PUT's answer):`);
    console.log(
      `  removed after   p50 ${seconds(median(removal))}  max ${seconds(sorted[sorted.length - 1] ?? 0)}`,
    );
    console.log(`  baseline: HEAD sees a fresh object after p50 ${seconds(median(visible))}`);
    console.log(
      `  removal ÷ baseline (p50): ${(median(removal) / Math.max(median(visible), 0.001)).toFixed(1)}`,
    );
    writeBenchReport({
      bench: 'stray-removal',
      title: 'Stray removal: bytes PUT after a delete, until they are gone',
      reproduce: 'npm run bench:stray-removal',
      figures: [
        {
          name: 'stray object removed after its PUT, p50',
          value: median(removal) / 1000,
          unit: 's',
          baseline: { name: 'HEAD sees a fresh object', value: median(visible) / 1000 },
          ratio: median(removal) / Math.max(median(visible), 0.001),
        },
        {
          name: 'stray object removed after its PUT, max',
          value: (sorted[sorted.length - 1] ?? 0) / 1000,
          unit: 's',
        },
      ],
      notes: [
        `${rounds} rounds on the local stack with the shipped bundles (the service and object-created.js fed the local S3's events). No goal is set: the figure is reported.`,
      ],
    });
  } finally {
    await handlers.stop();
    await service.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
