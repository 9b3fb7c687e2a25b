import { FakeFilesRepository, FakeStorageUsageRepository } from '../testing';
import { describeMetadataBehaviour } from '../testing/metadata.behaviour';

// The in-memory fakes that services' unit tests use must behave as the dynalite run shows.
describeMetadataBehaviour('in-memory fakes', async () => ({
  files: new FakeFilesRepository(),
  usage: new FakeStorageUsageRepository(),
  tearDown: async () => undefined,
}));
