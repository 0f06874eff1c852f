import { describe, expect, it } from 'vitest';
import { orderEvent } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';
import { refreshSegments } from './segment-schedule';

const t = useTestPipeline({ concurrency: 2 });

const api = (method: 'GET' | 'POST', path: string, payload?: object) =>
  t.app.inject({ method, url: `/api/stores/${t.storeId}${path}`, ...(payload ? { payload } : {}) });

/** segment trigger (`entered` / `exited` of `segmentId`) → add tag `tag`, published and active. */
async function segmentWorkflow(kind: 'entered' | 'exited', segmentId: string, tag: string) {
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 't1', type: `trigger.segment_${kind}`, position: { x: 0, y: 0 }, config: { segmentId } },
      { id: 'a1', type: 'action.add_tags', position: { x: 0, y: 100 }, config: { tags: [tag] } },
    ],
    edges: [{ id: 'e1', source: 't1', target: 'a1' }],
  };
  const { id } = (await api('POST', '/workflows', { name: `${kind} ${tag}`, graph })).json();
  expect((await api('POST', `/workflows/${id}/publish`)).statusCode).toBe(200);
  expect((await api('POST', `/workflows/${id}/activate`)).statusCode).toBe(200);
}

const tagsOf = async (externalId: string) =>
  (await api('GET', `/customers/${externalId}`)).json().tags as string[] | undefined;

const untilTagged = (externalId: string, tag: string) =>
  waitFor(async () => ((await tagsOf(externalId))?.includes(tag) ? true : undefined), 10_000);

/** The store's segment events (of one type), with what caused each. */
async function segmentEvents(type = 'segment.%') {
  const { rows } = await getTestPool().query(
    `SELECT type, payload->>'cause' AS cause FROM events WHERE store_id = $1 AND type LIKE $2 ORDER BY id`,
    [t.storeId, type],
  );
  return rows;
}

/** The cause a live re-evaluation after the event records: its row id. */
async function causeOf(eventId: string) {
  const { rows } = await getTestPool().query(`SELECT id FROM events WHERE store_id = $1 AND event_id = $2`, [
    t.storeId,
    eventId,
  ]);
  return `e${rows[0].id}`;
}

async function members(segmentId: string) {
  const page = (await api('GET', `/segments/${segmentId}/members`)).json();
  return page.items.map((c: { externalId: string }) => c.externalId);
}

describe('live segment membership', () => {
  it('moves a customer into a segment as her orders arrive and fires segment_entered from the order itself', async () => {
    const segment = (
      await api('POST', '/segments', {
        name: 'Over $1,000',
        condition: { field: 'customer.lifetimeSpend', op: 'gt', value: 100_000 },
      })
    ).json();
    await segmentWorkflow('entered', segment.id, 'entered-1000');
    await api('POST', '/events', orderEvent('live-1', 60_000));
    await waitFor(async () => ((await tagsOf('live-1')) ? true : undefined));
    expect(await members(segment.id)).toEqual([]);

    const second = orderEvent('live-1', 60_000);
    expect((await api('POST', '/events', second)).statusCode).toBe(202);
    await untilTagged('live-1', 'entered-1000');
    expect(await members(segment.id)).toEqual(['live-1']);
    // Caused by the order itself (live re-evaluation), not by a scheduled refresh (cause `t…`).
    expect(await segmentEvents()).toEqual([{ type: 'segment.entered', cause: await causeOf(second.id) }]);

    // A third order keeps her in: nothing is emitted twice.
    await api('POST', '/events', orderEvent('live-1', 10_000));
    await waitFor(async () => {
      const r = await getTestPool().query(
        `SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND processed_at IS NULL`,
        [t.storeId],
      );
      return r.rows[0].n === 0 ? true : undefined;
    });
    const again = await getTestPool().query(
      `SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND type LIKE 'segment.%'`,
      [t.storeId],
    );
    expect(again.rows[0].n).toBe(1);
  });

  it('fires segment_exited when a profile change takes the customer out', async () => {
    const segment = (
      await api('POST', '/segments', {
        name: 'Texans',
        condition: { field: 'customer.state', op: 'eq', value: 'TX' },
      })
    ).json();
    await segmentWorkflow('exited', segment.id, 'left-texas');
    await api('POST', '/events', orderEvent('live-2', 1_000));
    await waitFor(async () => ((await members(segment.id)).includes('live-2') ? true : undefined));
    const moved = {
      id: `evt-move-${Date.now()}`,
      type: 'customer.updated',
      occurredAt: new Date(Date.now() + 1_000).toISOString(),
      customer: { externalId: 'live-2', address: { country: 'US', state: 'CA', city: 'LA', zip: '90001' } },
    };
    expect((await api('POST', '/events', moved)).statusCode).toBe(202);
    await untilTagged('live-2', 'left-texas');
    expect(await members(segment.id)).not.toContain('live-2');
    expect(await segmentEvents('segment.exited')).toEqual([
      { type: 'segment.exited', cause: await causeOf(moved.id) },
    ]);
  });

  it('re-evaluates relative-date segments on the schedule, set-based, and emits the exits', async () => {
    const segment = (
      await api('POST', '/segments', {
        name: 'Ordered in the last 30 days',
        condition: { field: 'customer.lastOrderAt', op: 'within_last', value: 30 },
      })
    ).json();
    await segmentWorkflow('exited', segment.id, 'lapsed');
    expect(await members(segment.id)).toEqual(expect.arrayContaining(['live-1', 'live-2']));
    const later = new Date(Date.now() + 31 * 86_400_000);
    const result = await refreshSegments(getTestPool(), {
      onlyTimeDependent: true,
      now: later,
      storeId: t.storeId,
    });
    expect(result).toMatchObject({ segments: 1, entered: 0, exited: 2 });
    expect(await members(segment.id)).toEqual([]);
    await untilTagged('live-1', 'lapsed');
    await untilTagged('live-2', 'lapsed');
    const rerun = await refreshSegments(getTestPool(), {
      onlyTimeDependent: true,
      now: later,
      storeId: t.storeId,
    });
    expect(rerun).toMatchObject({ entered: 0, exited: 0 });
  });
});
