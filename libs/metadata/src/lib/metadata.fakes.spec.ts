import { FakeFilesRepository, FakeStorageUsageRepository } from '../testing';
import { describeMetadataBehaviour } from '../testing/metadata.behaviour';

// The in-memory fakes that services' unit tests use must behave as the dynalite run shows.
describeMetadataBehaviour('in-memory fakes', async () => {
  const usage = new FakeStorageUsageRepository();
  const files = new FakeFilesRepository(usage);
  return {
    files,
    usage,
    putLegacyRow: async (record) => files.putRow(record),
    putLegacyUsage: async (userId, usedBytes) => {
      usage.usedBytes.set(userId, usedBytes);
    },
    tearDown: async () => undefined,
  };
});
