// Load with integrity (issue 12): LOAD_USERS simulated users (default 50) each upload, list,
// download (comparing SHA-256 with what they sent), share by link (resolved as a recipient
// would) and delete, concurrently, for LOAD_SECONDS (default 60), against the whole product on
// loopback: every service from its built bundle, the gateway and the stand-ins. Afterwards it
// checks that every file a user saw READY is listed and stored, every deleted file is gone from
// the API and from S3, every download matched, and that no answer was a 5xx. Prints requests/s,
// p50/p99 and counts per operation and the errors by status; exits 1 if any check fails.
//
//   npm run load   (LOAD_USERS, LOAD_SECONDS, LOAD_MULTIPART_SHARE tune it)
import { startTestProduct } from '@enclave/testing';
import { checkUserIntegrity } from './load/integrity';
import { operationNamer } from './load/operation-names';
import { RequestRecorder } from './load/recorder';
import { loadSettings, productEnv } from './load/settings';
import { signUpUsers } from './load/sign-up';
import { type LoadOutcome, loadReport, printOutcome } from './load/summary';
import { runUserSession } from './load/user-session';
import { writeBenchReport } from './report';

// Silences the AWS SDK's Node 20 end-of-support notice here and in the services.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

async function main(): Promise<number> {
  const settings = loadSettings();
  const product = await startTestProduct({ env: productEnv(settings) });
  try {
    const users = await signUpUsers(product.stack, settings.users, settings.signUpConcurrency);
    const recorder = new RequestRecorder(operationNamer(product.api, product.stack.s3.endpoint));
    const fetch = recorder.fetch();

    const started = Date.now();
    const deadline = started + settings.seconds * 1000;
    const ledgers = await Promise.all(
      users.map((user) =>
        runUserSession({ apiBase: product.api, user, fetch, deadline, settings }),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;

    // Object-created handlers may still be at work on the last uploads: let them finish first.
    await product.eventsHandled();
    recorder.phase = 'check';
    const findings = (
      await Promise.all(
        users.map((user, n) =>
          checkUserIntegrity({
            apiBase: product.api,
            user,
            ledger: ledgers[n] as (typeof ledgers)[number],
            fetch,
            objectKeys: (prefix) => product.stack.objectKeys(prefix),
          }).then((found) => found.map((finding) => `${user.user_id}: ${finding}`)),
        ),
      )
    ).flat();

    const outcome: LoadOutcome = {
      settings,
      elapsedSeconds,
      samples: recorder.samples,
      uploads: {
        single: ledgers.reduce((sum, l) => sum + l.uploads.single, 0),
        multipart: ledgers.reduce((sum, l) => sum + l.uploads.multipart, 0),
      },
      downloadsChecked: ledgers.reduce((sum, l) => sum + l.downloads.checked, 0),
      shares: ledgers.reduce((sum, l) => sum + l.shares, 0),
      deletes: ledgers.reduce((sum, l) => sum + l.deleted.size, 0),
      stepFailures: ledgers.flatMap((l, n) =>
        l.failures.map((failure) => `${users[n]?.user_id}: ${failure}`),
      ),
      findings,
      serverErrors: recorder.serverErrors().length,
    };
    printOutcome(outcome);
    writeBenchReport(loadReport(outcome));
    const passed =
      outcome.serverErrors === 0 &&
      outcome.findings.length === 0 &&
      outcome.stepFailures.length === 0;
    console.log(passed ? 'load: PASS' : 'load: FAIL');
    return passed ? 0 : 1;
  } finally {
    await product.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
