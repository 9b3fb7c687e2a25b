import type { UploadState } from '@enclave/upload-client';
import { LocalUploadStateStore } from './local-upload-state-store';

const identity = { name: 'film.mkv', size: 3000, mtimeMs: 1700000000000 };

function state(file_id: string, name = identity.name): UploadState {
  return {
    fileIdentity: { ...identity, name },
    file_id,
    part_size: 1000,
    part_count: 3,
    checksums: false,
    done: [{ part_number: 1, etag: '"e1"' }],
  };
}

describe('LocalUploadStateStore', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a state per file until it is deleted', async () => {
    const store = new LocalUploadStateStore(localStorage, 'user-1');
    await store.set(identity, state('f1'));
    expect(await store.get(identity)).toEqual(state('f1'));
    expect(await store.get({ ...identity, mtimeMs: 1 })).toBeUndefined();
    await store.delete(identity);
    expect(await store.get(identity)).toBeUndefined();
  });

  it("survives a reload (a new store on the same storage) and lists only its own user's states", async () => {
    await new LocalUploadStateStore(localStorage, 'user-1').set(identity, state('f1'));
    await new LocalUploadStateStore(localStorage, 'user-2').set(identity, state('f2'));
    localStorage.setItem('enclave.session', '{}');
    const reloaded = new LocalUploadStateStore(localStorage, 'user-1');
    expect(reloaded.list()).toEqual([state('f1')]);
    expect(await reloaded.get(identity)).toEqual(state('f1'));
  });

  it('skips entries it cannot read', async () => {
    const store = new LocalUploadStateStore(localStorage, 'user-1');
    await store.set(identity, state('f1'));
    localStorage.setItem('enclave.uploads.user-1:file:broken', '{not json');
    localStorage.setItem('enclave.uploads.user-1:file:other', '{"file_id": 4}');
    expect(store.list()).toEqual([state('f1')]);
  });

  it('goes on without saving when storage is full', async () => {
    const full = {
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    } as Partial<Storage> as Storage;
    await expect(
      new LocalUploadStateStore(full, 'user-1').set(identity, state('f1')),
    ).resolves.toBeUndefined();
  });
});
