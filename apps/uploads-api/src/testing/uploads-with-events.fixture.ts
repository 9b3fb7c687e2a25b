import type { INestApplication } from '@nestjs/common';
import { createEnclaveClient, type EnclaveClient } from '@enclave/api-contract';
import {
  feedObjectEvents,
  type ObjectEventFeed,
  signUpUser,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { StrayObjects } from '../files/stray-objects';
import { startCheckedUploadsApp } from './checked-uploads-app.fixture';

export interface UploadsWithEvents {
  stack: TestStack;
  app: INestApplication;
  /** The local S3's ObjectCreated events, handed to the app's handler as S3 would on AWS. */
  feed: ObjectEventFeed;
  user: TestUser;
  api: EnclaveClient;
  /** Stops the event feed, then feeds it again (to show what the sweep does without it). */
  pauseEvents(): () => void;
  stop(): Promise<void>;
}

/**
 * The uploads service in-process over a fresh local stack, with its object-created handler fed
 * the local S3's events, and one signed-up user: the setting of the integrity specs. `api` calls
 * it through a contract check, which `stop()` throws the violations of.
 */
export async function startUploadsWithEvents(
  settings: Record<string, string>,
): Promise<UploadsWithEvents> {
  const stack = await startTestStack();
  const uploads = await startCheckedUploadsApp({ ...stack.env, ...settings });
  const { app, baseUrl } = uploads;
  const strays = app.get(StrayObjects);
  const feedEvents = () => feedObjectEvents(stack, (event) => strays.onS3Event(event));
  const user = await signUpUser(stack);
  const running: UploadsWithEvents = {
    stack,
    app,
    feed: feedEvents(),
    user,
    api: createEnclaveClient({ baseUrl, token: () => user.idToken }),
    pauseEvents() {
      running.feed.stop();
      return () => (running.feed = feedEvents());
    },
    async stop() {
      running.feed.stop();
      // Throws the app's contract violations, once the stack is stopped too.
      await stopAll([uploads], stack);
    },
  };
  return running;
}
