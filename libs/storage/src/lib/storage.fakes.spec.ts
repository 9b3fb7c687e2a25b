import { FakeFileStorage, FakeMultipartStorage, FakeObjectStore } from '../testing';
import { describeStorageBehaviour } from '../testing/storage.behaviour';

// The fakes services' unit tests use must behave as the local S3 run shows, in both modes of
// the multipart calls s3rver lacks.
for (const listsAndAbortsParts of [false, true]) {
  describeStorageBehaviour(
    `fakes, ${listsAndAbortsParts ? 'with' : 'without'} ListParts`,
    async () => {
      const store = new FakeObjectStore();
      const multipart = new FakeMultipartStorage(store);
      multipart.supportsListing = listsAndAbortsParts;
      multipart.supportsAbort = listsAndAbortsParts;
      return {
        storage: new FakeFileStorage(store),
        multipart,
        listsAndAbortsParts,
        send: async (request) => store.receive(request),
        tearDown: async () => undefined,
      };
    },
  );
}
