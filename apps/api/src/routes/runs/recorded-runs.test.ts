import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orderEvent, vipGraph } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';
import { createPathTally } from '../../worker/path-tally';
import { processEvents } from '../../worker/process-event';
import { createPipelineDeps } from '../../worker/start-worker';

// Runs whose path ends without an action are recorded on the event's gate row, not as `runs` rows;
// the run history must show them anyway. processEvents is called directly (no worker running).
let app: FastifyInstance;
let storeId: string;
let otherStoreId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  otherStoreId = await createTestStore();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

interface RunItem {
  id: string;
  status: string;
  customerId: number;
  eventId: number;
  workflowVersionId: string;
  startedAt: string;
}

const api = (path: string) => `/api/stores/${storeId}${path}`;

/** A recorded run's id is `e<event row id>-<version uuid>`; a stored run's is a bare uuid (which may start with "e"). */
const isRecorded = (id: string) => /^e\d+-[0-9a-f-]{36}$/.test(id);

/** The VIP workflow (lifetime spend > $5,000 → group "VIP member"), published and active. */
async function activeVipWorkflow(): Promise<{ id: string; versionId: string }> {
  const created = await app.inject({
    method: 'POST',
    url: api('/workflows'),
    payload: { name: 'VIP', graph: vipGraph() },
  });
  const { id } = created.json() as { id: string };
  for (const step of ['publish', 'activate']) {
    const res = await app.inject({ method: 'POST', url: api(`/workflows/${id}/${step}`) });
    expect(res.statusCode, res.body).toBe(200);
  }
  const versions = await getTestPool().query<{ id: string }>(
    'SELECT id FROM workflow_versions WHERE workflow_id = $1',
    [id],
  );
  return { id, versionId: versions.rows[0]!.id };
}

/** Posts the events and processes them as one claimed batch; returns their event row ids. */
async function deliver(events: unknown[]): Promise<number[]> {
  const posted = await app.inject({ method: 'POST', url: api('/events'), payload: { events } });
  expect(posted.statusCode).toBe(202);
  const ids = (events as { id: string }[]).map((e) => e.id);
  const { rows } = await getTestPool().query<{ id: string }>(
    'SELECT id FROM events WHERE store_id = $1 AND event_id = ANY($2) ORDER BY id',
    [storeId, ids],
  );
  await process(rows.map((r) => Number(r.id)));
  return rows.map((r) => Number(r.id));
}

async function process(eventRowIds: number[]): Promise<void> {
  const deps = createPipelineDeps(getTestPool());
  await deps.router.start();
  try {
    await processEvents(deps, eventRowIds);
  } finally {
    await deps.router.close();
  }
}

async function listRuns(
  workflowId: string,
  query = '',
): Promise<{ items: RunItem[]; nextCursor: string | null }> {
  const res = await app.inject({ url: api(`/workflows/${workflowId}/runs?${query}`) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function customerId(externalId: string): Promise<number> {
  const res = await app.inject({ url: api(`/customers/${externalId}`) });
  return (res.json() as { id: number }).id;
}

async function dbNow(): Promise<string> {
  const { rows } = await getTestPool().query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return rows[0]!.now.toISOString();
}

describe('runs recorded without a row (action-free paths)', () => {
  it("shows a run that took the condition's false branch in the history and by id, with its path", async () => {
    const wf = await activeVipWorkflow();
    const [eventRowId] = await deliver([orderEvent('rr-ana', 1000)]);
    const { items } = await listRuns(wf.id);
    const runId = `e${eventRowId}-${wf.versionId}`;
    expect(items).toEqual([
      expect.objectContaining({
        id: runId,
        status: 'completed',
        workflowId: wf.id,
        workflowVersionId: wf.versionId,
        eventId: eventRowId,
        customerId: await customerId('rr-ana'),
      }),
    ]);
    const res = await app.inject({ url: api(`/runs/${runId}`) });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({ id: runId, status: 'completed', reason: null, error: null, actions: [] });
    expect(run.startedAt).toBe(items[0]!.startedAt);
    expect(
      run.steps.map(
        (s: { seq: number; nodeId: string; nodeType: string; status: string; handle: string }) => [
          s.seq,
          s.nodeId,
          s.nodeType,
          s.status,
          s.handle,
        ],
      ),
    ).toEqual([
      [0, 't1', 'trigger.order_created', 'ok', 'next'],
      [1, 'c1', 'condition.if', 'ok', 'false'],
    ]);
    // Nothing to retry, and the upper-case form of the id is the same run.
    const retry = await app.inject({ method: 'POST', url: api(`/runs/${runId}/retry`) });
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.message).toMatch(/nothing to retry: this run completed/i);
    expect((await app.inject({ url: api(`/runs/${runId.toUpperCase()}`) })).statusCode).toBe(200);
  });

  it('merges stored and recorded runs newest first, filtered by customer, status and time, paged exactly', async () => {
    const wf = await activeVipWorkflow();
    // Batch 1: ana's path ends at "false" (recorded), bob's acts (stored).
    await deliver([orderEvent('pg-ana', 1000), orderEvent('pg-bob', 600000)]);
    const mark = await dbNow();
    // Batch 2: ana and cy recorded, bob (still above $5,000) acts again (stored).
    await deliver([orderEvent('pg-ana', 2000), orderEvent('pg-bob', 1000), orderEvent('pg-cy', 3000)]);

    const all = (await listRuns(wf.id, 'limit=200')).items;
    expect(all).toHaveLength(5);
    expect(all.filter((r) => isRecorded(r.id))).toHaveLength(3);
    const times = all.map((r) => Date.parse(r.startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listRuns(wf.id, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((r) => r.id));
    }

    const ana = await customerId('pg-ana');
    const anaRuns = (await listRuns(wf.id, `customerId=${ana}`)).items;
    expect(anaRuns.map((r) => r.customerId)).toEqual([ana, ana]);
    expect(anaRuns.every((r) => isRecorded(r.id))).toBe(true);
    const bob = await customerId('pg-bob');
    expect((await listRuns(wf.id, `customerId=${bob}`)).items.map((r) => isRecorded(r.id))).toEqual([
      false,
      false,
    ]);

    expect((await listRuns(wf.id, 'status=completed&limit=200')).items).toHaveLength(5);
    expect((await listRuns(wf.id, 'status=failed')).items).toEqual([]);
    const since = (await listRuns(wf.id, `since=${mark}`)).items;
    const until = (await listRuns(wf.id, `until=${mark}`)).items;
    expect(since.map((r) => r.id)).toEqual(all.slice(0, 3).map((r) => r.id));
    expect(until.map((r) => r.id)).toEqual(all.slice(3).map((r) => r.id));
    expect((await listRuns(wf.id, `customerId=${ana}&since=${mark}`)).items).toHaveLength(1);

    const bad = await app.inject({ url: api(`/workflows/${wf.id}/runs?cursor=bm9wZQ`) });
    expect(bad.statusCode).toBe(400);
  });

  it('records a run once however often its event is delivered, retried or routed again', async () => {
    const wf = await activeVipWorkflow();
    const event = orderEvent('dup-ana', 1000);
    const [eventRowId] = await deliver([event]);
    await deliver([event, event]); // a duplicate delivery is not re-run
    await process([eventRowId!]); // a retried job finds the event routed
    // Another worker that routed the same event concurrently: its gate row exists, nothing is added.
    const tally = createPathTally();
    const customer = await customerId('dup-ana');
    tally.add(eventRowId!, customer, { storeId, workflowId: wf.id, versionId: wf.versionId }, []);
    tally.routed(eventRowId!, storeId, customer);
    await tally.flush(getTestPool());

    const { items } = await listRuns(wf.id);
    expect(items.map((r) => r.id)).toEqual([`e${eventRowId}-${wf.versionId}`]);
    const run = (await app.inject({ url: api(`/runs/${items[0]!.id}`) })).json();
    expect(run.steps.map((s: { handle: string }) => s.handle)).toEqual(['next', 'false']);
    const counters = await getTestPool().query<{ n: number }>(
      `SELECT sum(n)::int AS n FROM path_counts WHERE workflow_id = $1 AND node_id = ''`,
      [wf.id],
    );
    expect(counters.rows[0]!.n).toBe(1);
  });

  it("keeps another store's recorded runs out of reach (404) and answers malformed ids with 400", async () => {
    const wf = await activeVipWorkflow();
    const [eventRowId] = await deliver([orderEvent('ten-ana', 1000)]);
    const runId = `e${eventRowId}-${wf.versionId}`;
    const other = (path: string) => `/api/stores/${otherStoreId}${path}`;
    expect((await app.inject({ url: other(`/runs/${runId}`) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: other(`/runs/${runId}/retry`) })).statusCode).toBe(404);
    expect((await app.inject({ url: other(`/workflows/${wf.id}/runs`) })).statusCode).toBe(404);
    // The right event with another version, or a missing event: no such run.
    const wrongVersion = `e${eventRowId}-00000000-0000-4000-8000-000000000000`;
    const missing = await app.inject({ url: api(`/runs/${wrongVersion}`) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('run_not_found');
    expect((await app.inject({ url: api(`/runs/e999999999999-${wf.versionId}`) })).statusCode).toBe(404);
    for (const bad of [
      'e0-x',
      `e-${wf.versionId}`,
      `e01-${wf.versionId}`,
      `e1234567890123456789-${wf.versionId}`,
    ]) {
      const res = await app.inject({ url: api(`/runs/${bad}`) });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message).toMatch(/run id/);
    }
  });
});
