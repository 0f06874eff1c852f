import { describe, expect, it } from 'vitest';
import { createJobBatcher } from './job-batcher';

/** A `work` function that records its calls and finishes each when told. */
function controlledWork(fail: (ids: number[]) => boolean = () => false) {
  const calls: number[][] = [];
  const finishers: (() => void)[] = [];
  let running = 0;
  let peak = 0;
  const work = (ids: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(ids);
      running += 1;
      peak = Math.max(peak, running);
      finishers.push(() => {
        running -= 1;
        if (fail(ids)) reject(new Error(`bad batch ${ids.join(',')}`));
        else resolve();
      });
    });
  const finishAll = async () => {
    while (finishers.length > 0) {
      for (const finish of finishers.splice(0)) finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { work, calls, finishAll, peak: () => peak };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('job batcher', () => {
  it('merges jobs of the same turn up to maxSize events; a bigger job goes alone', async () => {
    const w = controlledWork();
    const batcher = createJobBatcher(w.work, { maxSize: 4, maxInFlight: 8 });
    const done = [batcher.add([1, 2]), batcher.add([3]), batcher.add([4, 5]), batcher.add([6, 7, 8, 9, 10])];
    await tick();
    expect(w.calls).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7, 8, 9, 10],
    ]);
    await w.finishAll();
    await Promise.all(done);
  });

  it('runs at most maxInFlight batches; jobs arriving meanwhile wait and go together', async () => {
    const w = controlledWork();
    const batcher = createJobBatcher(w.work, { maxSize: 100, maxInFlight: 1 });
    const first = batcher.add([1]);
    await tick();
    const later = [batcher.add([2]), batcher.add([3])];
    await tick();
    const more = batcher.add([4]);
    await tick();
    expect(w.calls).toEqual([[1]]);
    await w.finishAll();
    await Promise.all([first, ...later, more]);
    expect(w.calls).toEqual([[1], [2, 3, 4]]);
    expect(w.peak()).toBe(1);
  });

  it("retries a failed batch event by event: only the bad event's job fails, its other events are done", async () => {
    const w = controlledWork((ids) => ids.includes(5));
    const batcher = createJobBatcher(w.work, { maxSize: 10, maxInFlight: 2 });
    const good = batcher.add([1, 2]);
    const mixed = batcher.add([4, 5, 6]);
    const settled = Promise.allSettled([good, mixed]);
    await tick();
    await w.finishAll();
    const [goodResult, mixedResult] = await settled;
    expect(goodResult.status).toBe('fulfilled');
    expect(mixedResult).toMatchObject({ status: 'rejected', reason: new Error('bad batch 5') });
    // The whole batch, then every event alone (4 and 6 are done although their job failed).
    expect(w.calls).toEqual([[1, 2, 4, 5, 6], [1], [2], [4], [5], [6]]);
  });
});
