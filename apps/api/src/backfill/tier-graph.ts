/**
 * DESIGN §1's tier workflow: Platinum (> $5,000), Gold ($2,000–5,000), Silver (below), as one
 * switch under an order trigger ("now and as they buy"). Used by the backfill test and bench.
 */
export function tierGraph(reentry: 'always' | 'once' = 'always') {
  const assign = (id: string, group: string, y: number) => ({
    id,
    type: 'action.assign_group',
    position: { x: y, y: 240 },
    config: { group },
  });
  return {
    schemaVersion: 1,
    nodes: [
      { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: { reentry } },
      {
        id: 's1',
        type: 'condition.switch',
        position: { x: 0, y: 120 },
        config: {
          cases: [
            {
              id: 'platinum',
              label: 'Platinum',
              condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] },
            },
            {
              id: 'gold',
              label: 'Gold',
              condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gte', value: 200000 }] },
            },
          ],
        },
      },
      assign('p', 'Platinum', 0),
      assign('g', 'Gold', 200),
      assign('s', 'Silver', 400),
    ],
    edges: [
      { id: 'e1', source: 't1', target: 's1' },
      { id: 'e2', source: 's1', sourceHandle: 'platinum', target: 'p' },
      { id: 'e3', source: 's1', sourceHandle: 'gold', target: 'g' },
      { id: 'e4', source: 's1', sourceHandle: 'default', target: 's' },
    ],
  };
}

/** The SQL oracle: customers of a store whose group is not the tier their lifetime spend says. */
export const tierMismatchSql = `
SELECT count(*)::int AS n FROM customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id
WHERE c.store_id = $1 AND c.group_name IS DISTINCT FROM CASE
  WHEN coalesce(s.lifetime_spend, 0) > 500000 THEN 'Platinum'
  WHEN coalesce(s.lifetime_spend, 0) >= 200000 THEN 'Gold' ELSE 'Silver' END`;
