import { describe, expect, it } from 'vitest';
import { orderEvent } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';

const t = useTestPipeline({ concurrency: 2 });

const node = (id: string, type: string, config: object, y = 0) => ({
  id,
  type,
  position: { x: 0, y },
  config,
});
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

/** order created → wait 30 min → assign `group`. */
const waitGraph = (group: string, reentry?: unknown) => ({
  schemaVersion: 1,
  nodes: [
    node('t1', 'trigger.order_created', reentry ? { reentry } : {}),
    node('w1', 'action.wait', { minutes: 30 }, 100),
    node('a1', 'action.assign_group', { group }, 200),
  ],
  edges: [edge('t1', 'w1'), edge('w1', 'a1')],
});

const api = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
  t.app.inject({ method, url: `/api/stores/${t.storeId}${path}`, ...(payload ? { payload } : {}) });

async function activeWorkflow(graph: object) {
  const { id } = (await api('POST', '/workflows', { name: 'w', graph })).json();
  expect((await api('POST', `/workflows/${id}/publish`)).statusCode).toBe(200);
  expect((await api('POST', `/workflows/${id}/activate`)).statusCode).toBe(200);
  return id as string;
}

async function runsOf(workflowId: string, status?: string) {
  return (await api('GET', `/workflows/${workflowId}/runs${status ? `?status=${status}` : ''}`)).json()
    .items as {
    id: string;
    status: string;
    reason: string | null;
    workflowVersionId: string;
  }[];
}

async function makeDue(runId: string) {
  await getTestPool().query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [
    `resume:${runId}`,
  ]);
}

describe('waits and guards', () => {
  it('persists a wait and resumes it at the due time on the version it started on', async () => {
    const id = await activeWorkflow(waitGraph('Group v1'));
    await api('POST', '/events', orderEvent('wait-1', 100));
    const [run] = await waitFor(async () => {
      const waiting = await runsOf(id, 'waiting');
      return waiting.length === 1 ? waiting : undefined;
    });
    const current = (await api('GET', `/workflows/${id}`)).json();
    await api('PUT', `/workflows/${id}`, { graph: waitGraph('Group v2'), revision: current.revision });
    expect((await api('POST', `/workflows/${id}/publish`)).json().publishedVersion).toBe(2);
    await makeDue(run!.id);
    const done = await waitFor(async () => {
      const r = (await api('GET', `/runs/${run!.id}`)).json();
      return r.status === 'completed' ? r : undefined;
    });
    expect(done.workflowVersionId).toBe(run!.workflowVersionId);
    expect((await api('GET', '/customers/wait-1')).json().group).toBe('Group v1');
  });

  it('cancels waiting runs on deactivate, with the reason, and none resumes', async () => {
    const id = await activeWorkflow(waitGraph('Never'));
    await api('POST', '/events', orderEvent('wait-2', 100));
    const [run] = await waitFor(async () => {
      const waiting = await runsOf(id, 'waiting');
      return waiting.length === 1 ? waiting : undefined;
    });
    const off = (await api('POST', `/workflows/${id}/deactivate`)).json();
    expect(off.cancelledRuns).toBe(1);
    await makeDue(run!.id);
    await waitFor(async () => {
      const { rows } = await getTestPool().query(
        `SELECT 1 FROM graphile_worker._private_jobs WHERE key = $1`,
        [`resume:${run!.id}`],
      );
      return rows.length === 0 ? true : undefined;
    });
    const after = (await api('GET', `/runs/${run!.id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', reason: 'workflow deactivated' });
    expect((await api('GET', '/customers/wait-2')).json().group).toBeNull();
  });

  it('records a skipped run with its reason when re-entry is once per customer', async () => {
    const graph = {
      schemaVersion: 1,
      nodes: [
        node('t1', 'trigger.order_created', { reentry: 'once' }),
        node('a1', 'action.add_tags', { tags: ['first-order'] }, 100),
      ],
      edges: [edge('t1', 'a1')],
    };
    const id = await activeWorkflow(graph);
    await api('POST', '/events', orderEvent('once-1', 100));
    await waitFor(async () => ((await runsOf(id, 'completed')).length === 1 ? true : undefined));
    await api('POST', '/events', orderEvent('once-1', 100));
    const [skipped] = await waitFor(async () => {
      const s = await runsOf(id, 'skipped');
      return s.length === 1 ? s : undefined;
    });
    expect(skipped!.reason).toMatch(/re-entry/);
    expect((await api('GET', '/customers/once-1')).json().tags).toEqual(['first-order']);
    const stats = (await api('GET', `/workflows/${id}/stats`)).json();
    expect(stats.runs).toMatchObject({ completed: 1, skipped: 1 });
    expect(stats.nodes.a1.entered).toBe(1);
  });
});
