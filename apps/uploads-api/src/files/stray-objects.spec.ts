import type { S3Event, S3EventRecord } from 'aws-lambda';
import { setUp, USER } from './files.fixture';
import { decodeEventKey } from './stray-objects';

function created(key: string, bucket = 'fake-bucket', eventName = 'ObjectCreated:Put'): S3Event {
  const record = {
    eventName,
    s3: { bucket: { name: bucket }, object: { key, size: 5 } },
  } as unknown as S3EventRecord;
  return { Records: [record] };
}

describe('StrayObjects', () => {
  it('keeps the object of an uploading or ready file and removes one whose file is deleted', async () => {
    const { service, strays, store, upload, putBytes } = setUp();
    const { created: live, key: liveKey } = await upload('live.txt', 5);
    putBytes(live, 5);
    const { created: gone, key: goneKey } = await upload('gone.txt', 5);
    await service.delete(USER, gone.file_id);
    putBytes(gone, 5);

    expect(await strays.onS3Event(created(liveKey))).toEqual({ kept: 1, removed: 0 });
    await service.complete(USER, live.file_id);
    expect(await strays.onS3Event(created(liveKey))).toEqual({ kept: 1, removed: 0 });
    expect(await strays.onS3Event(created(goneKey))).toEqual({ kept: 0, removed: 1 });
    expect([...store.objects.keys()]).toEqual([liveKey]);
  });

  it('removes objects under keys no file of ours has', async () => {
    const { strays, storeObject, store } = setUp();
    storeObject('user-1/not-a-file', 3);
    storeObject('loose', 3);
    expect(await strays.onS3Event(created('user-1/not-a-file'))).toEqual({ kept: 0, removed: 1 });
    expect(await strays.onS3Event(created('loose'))).toEqual({ kept: 0, removed: 1 });
    expect(store.objects.size).toBe(0);
  });

  it('ignores other buckets and other kinds of event', async () => {
    const { strays, storeObject, store } = setUp();
    storeObject('loose', 3);
    expect(await strays.onS3Event(created('loose', 'another-bucket'))).toEqual({
      kept: 0,
      removed: 0,
    });
    expect(await strays.onS3Event(created('loose', 'fake-bucket', 'ObjectRemoved:Delete'))).toEqual(
      { kept: 0, removed: 0 },
    );
    expect(store.objects.size).toBe(1);
  });
});

describe('decodeEventKey', () => {
  it('decodes keys as S3 notifications encode them (spaces as +)', () => {
    expect(decodeEventKey('u1/a+b%2Bc%E2%98%82')).toBe('u1/a b+c☂');
  });
});
