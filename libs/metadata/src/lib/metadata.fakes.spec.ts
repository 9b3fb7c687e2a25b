import { FakeFilesRepository, FakeStorageUsageRepository } from '../testing';
import { describeMetadataBehaviour } from '../testing/metadata.behaviour';

// The in-memory fakes that services' unit tests use must behave as the dynalite run shows.
describeMetadataBehaviour('in-memory fakes', async () => {
  const files = new FakeFilesRepository();
  return {
    files,
    usage: new FakeStorageUsageRepository(),
    putLegacyRow: async (record) => files.putRow(record),
    tearDown: async () => undefined,
  };
});
