import type { StepRecord } from '@segflow/engine';
import { describe, expect, it } from 'vitest';
import { createPathTally } from './path-tally';

const at = new Date(0);
const step = (nodeId: string, handle: string, skipReason?: string): StepRecord => ({
  nodeId,
  type: 'condition.if',
  status: skipReason ? 'skipped' : 'ok',
  handle,
  startedAt: at,
  finishedAt: at,
  ...(skipReason ? { skipReason } : {}),
});
const route = (n: number) => ({ storeId: 's', workflowId: `w${n}`, versionId: `v${n}` });

/** Flushes into a pool that records the batch statement's values (gates, counters). */
async function flushed(tally: ReturnType<typeof createPathTally>) {
  const values: unknown[][] = [];
  await tally.flush({
    query: (async (config: { values: unknown[] }) => values.push(config.values)) as never,
  });
  const [gates, counters] = values[0]!;
  return { gates: JSON.parse(gates as string), counters: JSON.parse(counters as string) };
}

describe('path tally', () => {
  it("records each event's distinct paths once, numbered in the order of its own runs", async () => {
    const tally = createPathTally();
    const no = [step('t1', 'next'), step('c1', 'false')];
    const yes = [step('t1', 'next'), step('c1', 'true', 'filtered')];
    tally.add(1, 10, route(1), no);
    tally.add(1, 10, route(2), yes);
    tally.add(1, 10, route(3), no);
    tally.add(2, 20, route(1), yes); // second in the batch, first for this event
    tally.routed(3, 's', 30);
    const { gates } = await flushed(tally);
    expect(gates).toEqual([
      {
        event_id: 1,
        store_id: 's',
        counted: 3,
        customer_id: 10,
        run_versions: ['v1', 'v2', 'v3'],
        run_paths: [0, 1, 0],
        paths: [
          [
            ['t1', 'ok', 'next'],
            ['c1', 'ok', 'false'],
          ],
          [
            ['t1', 'ok', 'next'],
            ['c1', 'skipped', 'true', 'filtered'],
          ],
        ],
      },
      {
        event_id: 2,
        store_id: 's',
        counted: 1,
        customer_id: 20,
        run_versions: ['v1'],
        run_paths: [0],
        paths: [
          [
            ['t1', 'ok', 'next'],
            ['c1', 'skipped', 'true', 'filtered'],
          ],
        ],
      },
      {
        event_id: 3,
        store_id: 's',
        counted: 0,
        customer_id: 30,
        run_versions: null,
        run_paths: null,
        paths: null,
      },
    ]);
  });

  it('sums counters per version, node, status and handle over the batch', async () => {
    const tally = createPathTally();
    tally.add(1, 10, route(1), [step('t1', 'next'), step('c1', 'false')]);
    tally.add(2, 20, route(1), [step('t1', 'next'), step('c1', 'false')]);
    const { counters: deltas } = await flushed(tally);
    // One delta per store, its counters as aligned arrays.
    expect(deltas).toHaveLength(1);
    const { node, n } = deltas[0] as { node: string[]; n: number[] };
    const count = (nodeId: string) => n[node.indexOf(nodeId)];
    expect(node).toHaveLength(3);
    expect([count(''), count('t1'), count('c1')]).toEqual([2, 2, 2]);
  });
});
