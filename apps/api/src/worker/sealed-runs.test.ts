import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, node } from '../reliability/reliability-kit';
import { buildTestApp, orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { processEvents } from './process-event';
import { createPipelineDeps } from './start-worker';

// Sealed runs (profile-only workflows written with their event's gate row) against the runs that
// act one statement at a time: the same random workflows and events in two stores, one of which
// also has a workflow with a team note (never reached), which makes every run there unsealed.
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

/** A small deterministic generator (tests print their seed). */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, some: <T>(xs: readonly T[]) => xs.filter(() => next() < 0.4) };
}

const tags = ['a', 'b', 'B', 'ä', 'vip'] as const;
const groups = ['Gold', 'Silver', 'Bronze'] as const;

/** A random profile-only workflow: an optional condition on the profile, then 1–3 profile actions. */
function randomGraph(r: ReturnType<typeof random>) {
  const action = (id: string) => {
    const kind = r.pick(['group', 'add', 'remove', 'attribute'] as const);
    if (kind === 'group') return node(id, 'action.assign_group', { group: r.pick(groups) });
    if (kind === 'attribute')
      return node(id, 'action.set_attribute', {
        key: r.pick(['tier', 'score']),
        value: r.pick(['x', 7, true, null]),
      });
    const some = r.some(tags);
    return node(id, kind === 'add' ? 'action.add_tags' : 'action.remove_tags', {
      tags: some.length > 0 ? some : [r.pick(tags)],
    });
  };
  const actions = Array.from({ length: 1 + Math.floor(r.next() * 3) }, (_, i) => action(`a${i + 1}`));
  const chain = actions.map((a, i) => ({ id: `e${i + 2}`, source: i === 0 ? 'c1' : `a${i}`, target: a.id }));
  const condition = r.pick([
    { field: 'customer.tags', op: 'contains_any', value: [r.pick(tags)] },
    { field: 'customer.group', op: 'eq', value: r.pick(groups) },
    { field: 'customer.group', op: 'is_not_set' },
    { field: 'customer.attributes.tier', op: 'is_set' },
    { field: 'customer.orderCount', op: 'gte', value: 1 },
  ]);
  return {
    schemaVersion: 1,
    nodes: [
      node('t1', 'trigger.order_created', {}),
      node('c1', 'condition.if', { condition: { all: [condition] } }),
      ...actions,
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'c1' },
      { ...chain[0]!, sourceHandle: 'true' },
      ...chain.slice(1),
    ],
  };
}

/** Never reached (no one spends that much); its team note makes the store's runs unsealed. */
const unsealingGraph = {
  schemaVersion: 1,
  nodes: [
    node('t1', 'trigger.order_created', {}),
    node('c1', 'condition.if', {
      condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 1_000_000_000_000 }] },
    }),
    node('a1', 'action.notify_team', { subject: 'Whale', body: 'A whale' }),
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ],
};

async function storeEvents(pool: pg.Pool, storeId: string, events: unknown[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO events (store_id, event_id, type, payload, occurred_at)
     SELECT $1, e->>'id', e->>'type', e, (e->>'occurredAt')::timestamptz
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n RETURNING id`,
    [storeId, JSON.stringify(events)],
  );
  return rows.map((r) => Number(r.id));
}

async function process(pool: pg.Pool, ids: number[]): Promise<void> {
  const deps = createPipelineDeps(pool);
  await deps.router.start();
  try {
    await processEvents(deps, ids);
  } finally {
    await deps.router.close();
  }
}

/** What a store ended with, comparable across stores (names and external ids, no row ids). */
async function outcome(pool: pg.Pool, storeId: string) {
  const q = async (sql: string) => (await pool.query(sql, [storeId])).rows;
  return {
    customers: await q(
      `SELECT external_id, group_name, tags, attributes FROM customers WHERE store_id = $1 ORDER BY 1`,
    ),
    groups: await q(`SELECT name FROM customer_groups WHERE store_id = $1 ORDER BY 1`),
    runs: await q(`SELECT w.name, e.event_id, r.status,
        (SELECT string_agg(s.node_id || ':' || s.status || ':' || coalesce(s.handle, ''), ' ' ORDER BY s.seq) FROM run_steps s WHERE s.run_id = r.id) AS steps,
        (SELECT jsonb_agg(jsonb_build_array(a.node_id, a.action_type, a.status, a.result) ORDER BY a.node_id) FROM action_executions a WHERE a.run_id = r.id) AS actions
      FROM runs r JOIN workflows w ON w.id = r.workflow_id JOIN events e ON e.id = r.event_id
      WHERE r.store_id = $1 ORDER BY 1, 2`),
  };
}

describe('sealed runs', () => {
  it('leave every customer, run, step and ledger row as runs acting one by one do (random workflows)', async () => {
    const pool = getTestPool();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = random(seed);
      const sealed = await createTestStore(pool, 'sealed');
      const unsealed = await createTestStore(pool, 'unsealed');
      const graphs = Array.from({ length: 4 }, () => randomGraph(r));
      for (const [i, graph] of graphs.entries()) {
        await createWorkflow(app, sealed, graph, `w${i}`);
        await createWorkflow(app, unsealed, graph, `w${i}`);
      }
      await createWorkflow(app, unsealed, unsealingGraph, 'unsealing');
      // Several orders per customer in one batch: later runs see what earlier ones changed.
      const events = Array.from({ length: 24 }, (_, i) =>
        orderEvent(`c${i % 5}`, 100 + i, { id: `s${seed}-e${i}`, orderId: `s${seed}-o${i}` }),
      );
      await process(pool, await storeEvents(pool, sealed, events));
      await process(pool, await storeEvents(pool, unsealed, events));

      const a = await outcome(pool, sealed);
      const b = await outcome(pool, unsealed);
      expect(a.runs.length, `seed ${seed}: some run acted`).toBeGreaterThan(0);
      expect(a, `seed ${seed}`).toEqual(b);
      // And they took their two paths: a sealed run is opened and finished by one statement.
      const oneStatement = (storeId: string) =>
        pool
          .query(
            `SELECT count(*) FILTER (WHERE started_at = finished_at)::int AS n FROM runs WHERE store_id = $1`,
            [storeId],
          )
          .then((res) => res.rows[0].n as number);
      expect(await oneStatement(sealed)).toBe(a.runs.length);
      expect(await oneStatement(unsealed)).toBe(0);
    }
  });

  it('move their customers into live segments once their profile change is written', async () => {
    const pool = getTestPool();
    const storeId = await createTestStore(pool, 'sealed-segment');
    const created = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/segments`,
      payload: {
        name: 'Buyers',
        condition: { field: 'customer.tags', op: 'contains_any', value: ['buyer'] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await createWorkflow(app, storeId, {
      schemaVersion: 1,
      nodes: [node('t1', 'trigger.order_created', {}), node('a1', 'action.add_tags', { tags: ['buyer'] })],
      edges: [{ id: 'e1', source: 't1', target: 'a1' }],
    });
    await process(pool, await storeEvents(pool, storeId, [orderEvent('seg-1', 100, { id: 'seg-e1' })]));

    // The event's own re-evaluation ran before the run tagged her; the one after the write moves her.
    const members = await pool.query(
      `SELECT c.external_id FROM segment_memberships m JOIN customers c ON c.id = m.customer_id
       WHERE m.store_id = $1 AND m.segment_id = $2`,
      [storeId, created.json().id],
    );
    expect(members.rows).toEqual([{ external_id: 'seg-1' }]);
  });

  it('are written with their event: an event already routed elsewhere writes nothing again', async () => {
    const pool = getTestPool();
    const storeId = await createTestStore(pool, 'sealed-gate');
    const workflowId = await createWorkflow(app, storeId, {
      schemaVersion: 1,
      nodes: [node('t1', 'trigger.order_created', {}), node('a1', 'action.add_tags', { tags: ['buyer'] })],
      edges: [{ id: 'e1', source: 't1', target: 'a1' }],
    });
    const ids = await storeEvents(
      pool,
      storeId,
      Array.from({ length: 20 }, (_, i) =>
        orderEvent(`g${i}`, 100 + i, { id: `g-e${i}`, orderId: `g-o${i}` }),
      ),
    );
    // Another worker routed the third event already (its gate row exists): the part's statement
    // rolls back and each event is written on its own, that one not at all.
    await pool.query(`INSERT INTO event_routes (event_id, store_id, counted) VALUES ($1, $2, 0)`, [
      ids[2],
      storeId,
    ]);
    await process(pool, ids);
    await process(pool, ids); // a retry of the whole batch: everything is routed, nothing more

    const runs = await pool.query<{ event_id: string }>(
      `SELECT event_id FROM runs WHERE store_id = $1 AND workflow_id = $2`,
      [storeId, workflowId],
    );
    expect(runs.rows.map((row) => Number(row.event_id)).sort((x, y) => x - y)).toEqual(
      ids.filter((_, i) => i !== 2),
    );
    const ledger = await pool.query(`SELECT count(*)::int AS n FROM action_executions WHERE store_id = $1`, [
      storeId,
    ]);
    expect(ledger.rows[0].n).toBe(19);
    const tagged = await pool.query<{ external_id: string; tags: string[] }>(
      `SELECT external_id, tags FROM customers WHERE store_id = $1`,
      [storeId],
    );
    expect(
      tagged.rows
        .filter((c) => c.tags.includes('buyer'))
        .map((c) => c.external_id)
        .sort(),
    ).toEqual(
      Array.from({ length: 20 }, (_, i) => `g${i}`)
        .filter((_, i) => i !== 2)
        .sort(),
    );
  });
});
