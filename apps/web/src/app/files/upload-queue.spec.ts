import { ApiError, type UploadState } from '@enclave/upload-client';
import { LocalUploadStateStore } from './local-upload-state-store';
import { FakeClock, fakeEngine, fakeFile } from './upload-queue.fakes';
import { identityOf, UploadQueue, type UploadQueueOptions } from './upload-queue';

function setup(options: Partial<UploadQueueOptions> = {}) {
  const clock = new FakeClock();
  const { engine, tasks } = fakeEngine();
  const store = new LocalUploadStateStore(localStorage, 'user-1');
  const uploaded: string[] = [];
  const queue = new UploadQueue({
    engine,
    store,
    now: clock.now,
    speedWindowMs: 10_000,
    describeError: (error) => `described: ${(error as Error).message}`,
    onUploaded: (result) => uploaded.push(result.file_id),
    ...options,
  });
  const item = (id: number) => queue.snapshot().items.find((i) => i.id === id);
  const task = (name: string) => {
    const found = tasks.filter((t) => t.file.name === name).at(-1);
    if (!found) throw new Error(`no task for ${name}`);
    return found;
  };
  return { queue, clock, tasks, store, uploaded, item, task };
}

/** Lets the queue see a task's promise settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => localStorage.clear());

describe('UploadQueue concurrency', () => {
  it('uploads at most `concurrency` files at once, in the order they were added', async () => {
    const { queue, tasks, task } = setup({ concurrency: 2 });
    const [a, b, c] = queue.add([fakeFile('a', 10), fakeFile('b', 10), fakeFile('c', 10)]);
    expect(tasks.map((t) => t.file.name)).toEqual(['a', 'b']);
    expect(queue.snapshot().items.map((i) => i.state)).toEqual([
      'uploading',
      'uploading',
      'queued',
    ]);

    task('b').finish();
    await settled();
    expect(tasks.map((t) => t.file.name)).toEqual(['a', 'b', 'c']);
    expect(queue.snapshot().items.map((i) => [i.id, i.state])).toEqual([
      [a, 'uploading'],
      [b, 'done'],
      [c, 'uploading'],
    ]);
  });

  it('gives the engine the identity saved states are keyed by, the store and a live signal', () => {
    const { queue, task, store } = setup();
    const file = fakeFile('a', 10, 42);
    queue.add([file]);
    expect(task('a').context.identity).toEqual({ name: 'a', size: 10, mtimeMs: 42 });
    expect(task('a').context.identity).toEqual(identityOf(file));
    expect(task('a').context.store).toBe(store);
    expect(task('a').context.signal.aborted).toBe(false);
  });

  it('skips a file that is already waiting or uploading', () => {
    const { queue, tasks } = setup();
    const [first] = queue.add([fakeFile('a', 10)]);
    expect(queue.add([fakeFile('a', 10)])).toEqual([first]);
    expect(queue.snapshot().items).toHaveLength(1);
    expect(tasks).toHaveLength(1);
  });
});

describe('UploadQueue progress', () => {
  it('measures speed over the window and the time left from it', () => {
    const { queue, clock, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 1000)]);
    task('a').progress(0);
    clock.advance(2000);
    task('a').progress(200);
    clock.advance(2000);
    task('a').progress(400);
    expect(item(id as number)).toMatchObject({ bytesDone: 400, speed: 100, etaSeconds: 6 });
  });

  it('forgets speeds older than the window', () => {
    const { queue, clock, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 100_000)]);
    task('a').progress(0);
    // 10 s at 100 B/s, then 10 s at 1000 B/s: the window sees only the second.
    for (let s = 1; s <= 10; s++) {
      clock.advance(1000);
      task('a').progress(s * 100);
    }
    for (let s = 1; s <= 10; s++) {
      clock.advance(1000);
      task('a').progress(1000 + s * 1000);
    }
    expect(item(id as number)?.speed).toBe(1000);
    expect(item(id as number)?.etaSeconds).toBe(89);
  });

  it('lets the speed of a stalled upload fall instead of freezing it', () => {
    const { queue, clock, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 1000)]);
    task('a').progress(0);
    clock.advance(1000);
    task('a').progress(100);
    expect(item(id as number)?.speed).toBe(100);
    clock.advance(9000);
    expect(item(id as number)?.speed).toBe(10);
  });

  it('counts resumed bytes as done but not as speed', () => {
    const { queue, clock, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 1000)]);
    // The upload-client first reports the parts a resume found already stored.
    task('a').progress(600);
    clock.advance(1000);
    task('a').progress(700);
    expect(item(id as number)).toMatchObject({ bytesDone: 700, speed: 100, etaSeconds: 3 });
  });

  it('knows no speed or time left before the second report', () => {
    const { queue, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 1000)]);
    task('a').progress(0);
    expect(item(id as number)).toMatchObject({ speed: 0, etaSeconds: undefined });
  });

  it('adds up bytes and speeds of every file for the totals', async () => {
    const { queue, clock, task } = setup({ concurrency: 2 });
    queue.add([fakeFile('a', 1000), fakeFile('b', 2000), fakeFile('c', 500), fakeFile('d', 300)]);
    task('a').progress(0);
    task('b').progress(0);
    clock.advance(1000);
    task('a').progress(100);
    task('b').progress(300);
    queue.cancel(queue.snapshot().items[3]?.id as number);
    await settled();
    expect(queue.snapshot().totals).toEqual({
      bytesDone: 400,
      // d was cancelled: it no longer counts.
      bytesTotal: 3500,
      speed: 400,
      // c (queued) is still to send too: (900 + 1700 + 500) / 400.
      etaSeconds: 7.75,
      uploading: 2,
      unfinished: 3,
    });
  });

  it('tells listeners about every change', () => {
    const { queue, task } = setup();
    const listener = jest.fn();
    queue.subscribe(listener);
    queue.add([fakeFile('a', 10)]);
    task('a').progress(5);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('UploadQueue pause, resume and cancel', () => {
  it('pauses a file, lets the next one take its place, and resumes it when a place is free', async () => {
    const { queue, tasks, task, item } = setup({ concurrency: 1 });
    const [a, b] = queue.add([fakeFile('a', 100), fakeFile('b', 100)]);
    queue.pause(a as number);
    expect(task('a').paused).toBe(true);
    expect(item(a as number)?.state).toBe('paused');
    expect(item(b as number)?.state).toBe('uploading');

    queue.resume(a as number);
    expect(item(a as number)?.state).toBe('queued');
    expect(task('a').paused).toBe(true);

    task('b').finish();
    await settled();
    expect(item(a as number)?.state).toBe('uploading');
    expect(task('a').paused).toBe(false);
    // The same task goes on: nothing is started twice.
    expect(tasks.filter((t) => t.file.name === 'a')).toHaveLength(1);
  });

  it('does not count the time spent paused in the speed', () => {
    const { queue, clock, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 1000)]);
    task('a').progress(0);
    clock.advance(1000);
    task('a').progress(100);
    queue.pause(id as number);
    expect(item(id as number)).toMatchObject({ speed: 0, etaSeconds: undefined });
    clock.advance(60_000);
    queue.resume(id as number);
    clock.advance(1000);
    task('a').progress(300);
    expect(item(id as number)?.speed).toBe(200);
  });

  it('pauses a file that has not started yet, so it waits', () => {
    const { queue, tasks, item } = setup({ concurrency: 1 });
    const [, b, c] = queue.add([fakeFile('a', 1), fakeFile('b', 1), fakeFile('c', 1)]);
    queue.pause(b as number);
    expect(item(b as number)?.state).toBe('paused');
    queue.cancel(queue.snapshot().items[0]?.id as number);
    expect(item(c as number)?.state).toBe('uploading');
    expect(tasks.map((t) => t.file.name)).toEqual(['a', 'c']);
  });

  it('cancels through the task, so the server forgets the file, and starts the next one', async () => {
    const { queue, tasks, task, item } = setup({ concurrency: 1 });
    const [a, b] = queue.add([fakeFile('a', 1), fakeFile('b', 1)]);
    task('a').holdDelete = true;
    queue.cancel(a as number);
    expect(task('a').cancelled).toBe(true);
    expect(item(b as number)?.state).toBe('uploading');
    expect(tasks).toHaveLength(2);
    // Cancelled once the server has deleted it, so a reload meanwhile cannot list it again.
    await settled();
    expect(item(a as number)?.state).toBe('cancelling');
    expect(queue.snapshot().totals.bytesTotal).toBe(1);
    task('a').releaseDelete();
    await settled();
    expect(item(a as number)?.state).toBe('cancelled');
  });

  it('cancels a waiting file without starting it', () => {
    const { queue, tasks, item } = setup({ concurrency: 1 });
    const [, b] = queue.add([fakeFile('a', 1), fakeFile('b', 1)]);
    queue.cancel(b as number);
    expect(item(b as number)?.state).toBe('cancelled');
    expect(tasks).toHaveLength(1);
  });

  it('clears finished and cancelled files, keeping the others', async () => {
    const { queue, task } = setup({ concurrency: 3 });
    const [, b, c] = queue.add([fakeFile('a', 1), fakeFile('b', 1), fakeFile('c', 1)]);
    task('a').finish();
    queue.cancel(b as number);
    await settled();
    queue.clearFinished();
    expect(queue.snapshot().items.map((i) => i.id)).toEqual([c]);
  });
});

describe('UploadQueue results and failures', () => {
  it('marks a finished file done and reports it', async () => {
    const { queue, task, item, uploaded } = setup();
    const [id] = queue.add([fakeFile('a', 50)]);
    task('a').finish('file-123');
    await settled();
    expect(item(id as number)).toMatchObject({
      state: 'done',
      bytesDone: 50,
      speed: 0,
      etaSeconds: 0,
      fileId: 'file-123',
    });
    expect(uploaded).toEqual(['file-123']);
  });

  it('marks a failed file with a readable reason and retries it with a new task', async () => {
    const { queue, tasks, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 50)]);
    task('a').progress(20);
    task('a').fail(new ApiError(503, undefined, 'createFile'));
    await settled();
    expect(item(id as number)).toMatchObject({
      state: 'failed',
      error: 'described: createFile answered 503',
    });

    queue.retry(id as number);
    expect(tasks).toHaveLength(2);
    expect(item(id as number)).toMatchObject({ state: 'uploading', bytesDone: 0 });
    expect(item(id as number)?.error).toBeUndefined();
  });

  it('retries a failed file when the same file is picked again', async () => {
    const { queue, tasks, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 50)]);
    task('a').fail(new Error('boom'));
    await settled();
    expect(queue.add([fakeFile('a', 50)])).toEqual([id]);
    expect(item(id as number)?.state).toBe('uploading');
    expect(tasks).toHaveLength(2);
  });

  it('takes a rejection with UploadCancelledError as cancelled, not failed', async () => {
    const { queue, task, item } = setup();
    const [id] = queue.add([fakeFile('a', 50)]);
    await task('a').cancel();
    await settled();
    expect(item(id as number)?.state).toBe('cancelled');
  });
});

describe('UploadQueue resume after a reload', () => {
  const saved = (name: string, size: number, mtimeMs: number): UploadState => ({
    fileIdentity: { name, size, mtimeMs },
    file_id: `saved-${name}`,
    part_size: 400,
    part_count: 3,
    checksums: false,
    done: [
      { part_number: 1, etag: '"1"' },
      { part_number: 3, etag: '"3"' },
    ],
  });

  async function reloaded() {
    // What an earlier page left in localStorage.
    const earlier = new LocalUploadStateStore(localStorage, 'user-1');
    const state = saved('film.mkv', 1000, 77);
    await earlier.set(state.fileIdentity, state);
    return setup();
  }

  it('lists the uploads an earlier page left unfinished', async () => {
    const { queue } = await reloaded();
    expect(queue.snapshot().interrupted).toEqual([
      {
        key: expect.any(String),
        name: 'film.mkv',
        size: 1000,
        // Parts 1 (400 bytes) and 3 (the last 200 bytes) were stored.
        bytesSaved: 600,
        fileId: 'saved-film.mkv',
      },
    ]);
  });

  it('resumes when the same file (name, size, last modified) is picked again', async () => {
    const { queue, item } = await reloaded();
    const [id] = queue.add([fakeFile('film.mkv', 1000, 77)]);
    expect(item(id as number)?.resumes).toBe(true);
    expect(queue.snapshot().interrupted).toEqual([]);
  });

  it('does not take a different file of the same name for the interrupted one', async () => {
    const { queue, item } = await reloaded();
    const [changed] = queue.add([fakeFile('film.mkv', 1000, 78)]);
    const [resized] = queue.add([fakeFile('film.mkv', 999, 77)]);
    expect(item(changed as number)?.resumes).toBe(false);
    expect(item(resized as number)?.resumes).toBe(false);
    expect(queue.snapshot().interrupted.map((i) => i.name)).toEqual(['film.mkv']);
  });

  it('discards an interrupted upload: its saved state and its record on the server', async () => {
    const deleted: string[] = [];
    await reloaded();
    const { queue, store } = setup({ deleteRemote: async (id) => deleted.push(id) });
    const [interrupted] = queue.snapshot().interrupted;
    await queue.discardInterrupted(interrupted?.key as string);
    expect(queue.snapshot().interrupted).toEqual([]);
    expect(store.list()).toEqual([]);
    expect(deleted).toEqual(['saved-film.mkv']);
  });
});

describe('UploadQueue dispose', () => {
  it('stops every upload through the signal without cancelling any, and ignores what they answer after', async () => {
    const { queue, task, uploaded } = setup();
    queue.add([fakeFile('a', 10)]);
    const listener = jest.fn();
    queue.subscribe(listener);
    queue.dispose();
    expect(task('a').context.signal.aborted).toBe(true);
    expect(task('a').cancelled).toBe(false);
    task('a').finish();
    await settled();
    expect(uploaded).toEqual([]);
    expect(listener).not.toHaveBeenCalled();
  });
});
