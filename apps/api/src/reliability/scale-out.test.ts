import { describe, expect, it } from 'vitest';
import { createTestStore } from '../testing/test-database';
import { createWorkflows, processHarness, expectExactlyOnce, orderEvents } from './reliability-kit';

const harness = processHarness('scale');

interface Answer {
  accepted: string[];
  duplicates: string[];
}

describe('two API processes (one executing inline) and two workers on one database', () => {
  it('process duplicates posted to both APIs once: each id accepted once, no effect doubled', async () => {
    const { pool, app } = harness.db;
    const storeId = await createTestStore(pool, 'scale');
    const workflows = await createWorkflows(app, storeId);
    // One API executes what it ingests inline (the default), the other leaves it all to the workers.
    const apis = await Promise.all([harness.spawnApi(), harness.spawnApi({ INLINE_EXECUTION: 'off' })]);
    harness.spawn('src/worker.ts');
    harness.spawn('src/worker.ts');
    const events = orderEvents(storeId, 200);
    const post = async (api: { url: string }, batch: unknown[]) => {
      const res = await fetch(`${api.url}/api/stores/${storeId}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
      });
      expect(res.status).toBe(202);
      return (await res.json()) as Answer;
    };
    // Every batch goes to both APIs at once; a third of the events a third time, shuffled.
    const answers: Answer[] = [];
    let posted = 0;
    for (let i = 0; i < events.length; i += 20) {
      const batch = events.slice(i, i + 20);
      const again = batch.filter((_, k) => k % 3 === 0).reverse();
      posted += batch.length * 2 + again.length * 2;
      answers.push(
        ...(await Promise.all([
          post(apis[0]!, batch),
          post(apis[1]!, [...again, ...batch]),
          post(apis[0]!, again),
        ])),
      );
    }
    const accepted = answers.flatMap((a) => a.accepted);
    expect(accepted.length).toBe(events.length);
    expect(new Set(accepted).size).toBe(events.length);
    expect(answers.flatMap((a) => a.duplicates).length).toBe(posted - events.length);

    await expectExactlyOnce(pool, storeId, workflows, events);
  }, 120_000);
});
