import type pg from 'pg';
import type { PipelineDeps } from '../worker/process-event';

/** The `apply_event` jobs enqueued for a store's events (their event row ids), in order of their first event. */
export async function applyEventJobsOfStore(
  client: Pick<pg.Pool, 'query'>,
  storeId: string,
): Promise<number[][]> {
  const { rows } = await client.query<{ ids: string[] }>(
    `SELECT j.payload->'ids' AS ids FROM graphile_worker._private_jobs j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'apply_event'
     WHERE (j.payload->'ids'->>0)::bigint IN (SELECT id FROM events WHERE store_id = $1)
     ORDER BY (j.payload->'ids'->>0)::bigint`,
    [storeId],
  );
  return rows.map((r) => r.ids.map(Number));
}

/** The pipeline with a router that always fails: events get applied, never routed. */
export function withBrokenRouter(deps: PipelineDeps): PipelineDeps {
  return {
    ...deps,
    router: {
      ...deps.router,
      routes: async () => {
        throw new Error('router unavailable');
      },
    },
  };
}
